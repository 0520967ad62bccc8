export async function batchCeiling() { return null; }
