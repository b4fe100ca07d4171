// English strings of the hydrogen supply panel and layer (merged into en.ts).
export const hydrogenEn = {
  'tabs.hydrogen': 'Hydrogen',
} as const;
