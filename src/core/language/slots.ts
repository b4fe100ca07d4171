/**
 * A message's `{name}` slots, filled as plain text: `value(name)` for each, a slot it gives nothing for
 * stays as written. The one place the slot syntax is read (translate in index.ts, problems in problem.ts).
 */
export function fillSlots(template: string, value: (name: string) => string | undefined): string {
  return template.replace(/\{(\w+)\}/g, (slot, name: string) => value(name) ?? slot);
}
