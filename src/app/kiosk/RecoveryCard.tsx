// The "restoring" card shown over the 3D view while the WebGL context is lost (in the planner's view and in
// kiosk mode): the scene draws itself again when the context comes back, with no input.
import { useEffect, useState } from 'react';
import { type ContextStatus, getContextStatus, onContextStatus } from '../../scene/viewControl.ts';
import { useT } from '../../ui/useT.ts';

export function RecoveryCard() {
  const t = useT();
  const [status, setStatus] = useState<ContextStatus>(getContextStatus);
  useEffect(() => onContextStatus(setStatus), []);
  if (status === 'ok') return null;
  return (
    <div className="recovery-card" role="status" aria-live="polite" data-testid="restoring">
      <strong>{t('kiosk.restoring')}</strong>
      <span>{t('kiosk.restoringNote')}</span>
    </div>
  );
}
