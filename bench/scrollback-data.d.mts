export function scrollbackText(count: number, seed?: number): string;
