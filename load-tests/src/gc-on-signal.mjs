/* global process */
// Preloaded into broker processes by the idle soak (`node --expose-gc --import <this file>`):
// SIGUSR2 forces a full garbage collection, so RSS is read on a settled heap. Plain JavaScript
// because it loads before tsx; the product code knows nothing of it.
process.on('SIGUSR2', () => globalThis.gc?.())
