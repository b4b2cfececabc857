type Layer = {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
};

/**
 * `METHOD /path/:param` of every route an Express router serves, those of routers mounted
 * inside it included, sorted, leaving out the `/openapi.json` route the generated router adds:
 * what a contract test compares with {@link routesOfSpec} so that router and contract stay
 * the same.
 */
export function routesOfRouter(router: unknown): string[] {
  const walk = (stack: Layer[]): string[] =>
    stack.flatMap(layer => {
      if (layer.route) {
        const path = layer.route.path;
        return Object.keys(layer.route.methods).map(
          method => `${method.toUpperCase()} ${path}`,
        );
      }
      return layer.handle?.stack ? walk(layer.handle.stack) : [];
    });
  return walk((router as { stack: Layer[] }).stack)
    .filter(route => route !== 'GET /openapi.json')
    .sort();
}

/** The same for every operation of an OpenAPI document, `{param}` written as `:param`. */
export function routesOfSpec(spec: {
  paths: Record<string, object | undefined>;
}): string[] {
  return Object.entries(spec.paths)
    .flatMap(([path, item]) =>
      Object.keys(item ?? {}).map(
        method =>
          `${method.toUpperCase()} ${path.replace(/\{([^}]+)\}/g, ':$1')}`,
      ),
    )
    .sort();
}
