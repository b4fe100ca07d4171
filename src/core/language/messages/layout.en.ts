// English strings of the page layout: the side panel's collapse and resize controls, scrollable tables
// (merged into en.ts).
export const layoutEn = {
  'layout.panel': 'Tools',
  'layout.tabs': 'Tools',
  'layout.collapse': 'Hide the side panel',
  'layout.expand': 'Show the side panel',
  'layout.resize': 'Side panel width (arrow keys change it)',
  'layout.tableScroll': '{name} (scrolls sideways)',
  'layout.table': 'Table',
  'layout.map': '3D city map',
};
