/** Many reads, a few at a time, so a long window does not queue dozens of requests behind the browser's six connections. */

/**
 * @template T, R
 * @param {T[]} items @param {(item: T) => Promise<R>} read @param {number} [width]
 * @returns {Promise<R[]>}
 */
export async function inBatches(items, read, width = 6) {
  /** @type {R[]} */
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await read(items[index]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}
