// 도시 프로필의 한국어 문자열 (ko.ts에 합쳐짐). profile.en.ts의 모든 키가 있어야 합니다.
import type { profileEn } from './profile.en.ts';

export const profileKo: Record<keyof typeof profileEn, string> = {
  'profile.title': '도시 프로필',
  'profile.choose': '프로필',
  'profile.auto': '위치로 선택: {name}',
  'profile.name.KR': '대한민국',
  'profile.name.MC': '모나코',
  'profile.matched': '도시가 있는 곳으로 정했습니다.',
  'profile.unmatched': '이 도시의 위치에 맞는 프로필이 없어 대한민국 값을 씁니다. 알맞은 프로필을 고르세요.',
  'profile.chosen': '이 도시(모든 시나리오)에 직접 고른 프로필입니다.',
  'profile.grid': '전력 배출계수',
  'profile.gas': '도시가스 (총발열량 기준)',
  'profile.region': '기후 지역',
  'profile.speeds': '속도 표지 없는 도로의 제한속도',
  'profile.speedsValue': '간선 {main} km/h, 이면도로 {side} km/h',
  'profile.trips': '통행 발생',
  'profile.trips.ite': 'ITE 차량 통행 원단위',
  'profile.trips.korea': '사람 통행 × 승용차 분담률 ÷ 재차인원',
  'profile.currency': '통화',
  'profile.utcOffset': '표준시',
  'profile.utcOffsetValue': 'UTC{offset}',
  'profile.note': '프로필은 기본값을 정합니다. 전력·가스·기후 지역은 ‘계수 편집’에서 바꿀 수 있습니다. 출처는 가정 목록에 있습니다.',
  'profile.source': '출처: {source}',
  'carbon.transportFrom.road-class-table': '교통 배정 없음: 도로마다 등급별 일평균 교통량을 가정했습니다(가정 목록 참조).',
  'carbon.transportFrom.none': '도로 레이어가 없어 수송 배출은 0입니다.',
};
