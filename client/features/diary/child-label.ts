/**
 * «Петров Иван Сергеевич, 5Б» (the title `GET /api/me` gives a diary) → «Иван, 5Б»: a child as
 * the parent calls them; a title of another form as it is.
 */
export function childLabel(title: string): string {
  const comma = title.lastIndexOf(', ');
  const name = comma > 0 ? title.slice(0, comma) : title;
  const parts = name.split(/\s+/);
  if (parts.length < 2) return title;
  return comma > 0 ? `${parts[1]}, ${title.slice(comma + 2)}` : parts[1];
}
