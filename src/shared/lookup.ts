// Finds a network or container the way the docker CLI accepts a reference: by name, by full id,
// or by an id prefix of at least 12 characters.
export function byRef<T extends { id: string; name: string }>(items: readonly T[], ref: string): T | undefined {
  if (!ref) return undefined;
  return items.find((x) => x.name === ref || x.id === ref) ?? (ref.length >= 12 ? items.find((x) => x.id.startsWith(ref)) : undefined);
}
