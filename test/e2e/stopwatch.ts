/**
 * A logger of a test's named steps with the seconds each took, so a slow or stuck run shows
 * where the time went.
 */
export function stopwatch(): (what: string) => void {
  let last = Date.now();
  return (what) => {
    console.log(`      ${what} (${((Date.now() - last) / 1000).toFixed(1)} s)`);
    last = Date.now();
  };
}
