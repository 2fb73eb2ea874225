/**
 * A port whose owner is created later in the same process: calls are forwarded to `resolve()` at
 * call time. Breaks the construction cycle token ⇄ auth-endpoint without a mutable global.
 */
export function lazyPort<P extends object>(resolve: () => P | undefined, name: string): P {
  return new Proxy({} as P, {
    get(_target, method: string | symbol) {
      return (...args: unknown[]) => {
        const owner = resolve();
        if (!owner) throw new Error(`${name} is not started yet`);
        return (owner as Record<string | symbol, (...a: unknown[]) => unknown>)[method]!(...args);
      };
    },
  });
}
