// 화면 배치 문자열: 옆 패널 접기·너비 조절, 옆으로 스크롤되는 표 (ko.ts에 합쳐짐). layout.en.ts의 모든 키가 있어야 합니다.
import type { layoutEn } from './layout.en.ts';

export const layoutKo: Record<keyof typeof layoutEn, string> = {
  'layout.panel': '도구',
  'layout.tabs': '도구',
  'layout.collapse': '옆 패널 숨기기',
  'layout.expand': '옆 패널 보이기',
  'layout.resize': '옆 패널 너비 (화살표 키로 조절)',
  'layout.tableScroll': '{name} (옆으로 스크롤)',
  'layout.table': '표',
  'layout.map': '3D 도시 지도',
};
