// PostGraphile 5 calls Promise.withResolvers (Node 22+); Debian's Node 20 lacks it.
if (!Promise.withResolvers) {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new this((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
