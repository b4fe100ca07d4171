// 수소 공급 패널과 레이어의 한국어 문자열 (ko.ts에 합쳐짐). hydrogen.en.ts의 모든 키가 있어야 합니다.
import type { hydrogenEn } from './hydrogen.en.ts';

export const hydrogenKo: Record<keyof typeof hydrogenEn, string> = {
  'tabs.hydrogen': '수소',
};
