export function floodChunk(index: number): string;
export function flood(bytes: number): Generator<string>;
