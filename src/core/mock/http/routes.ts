import { BASE64_SUFFIX } from '../../protocol/labelNames';
import { Router } from './router/router';

// The routes of Pushgateway 1.5.1 (main.go and api/v1), registered in the same order on the same
// two routers: the main one, and the API one that serves /api/v1/ with the prefix stripped.

export type MainHandler =
  | { kind: 'healthy' }
  | { kind: 'ready' }
  | { kind: 'metrics' }
  | { kind: 'push'; replace: boolean; jobBase64: boolean }
  | { kind: 'delete'; jobBase64: boolean }
  | { kind: 'static' }
  | { kind: 'statusPage' }
  | { kind: 'pprof' }
  | { kind: 'lifecycleDisabled' }
  | { kind: 'quitGet' };

export type ApiHandler = { kind: 'apiOptions' } | { kind: 'apiStatus' } | { kind: 'apiMetrics' } | { kind: 'wipe' };

export const API_PREFIX = '/api/v1';

export function mainRouter(): Router<MainHandler> {
  const router = new Router<MainHandler>();
  router.add('GET', '/-/healthy', { kind: 'healthy' });
  router.add('GET', '/-/ready', { kind: 'ready' });
  router.add('GET', '/metrics', { kind: 'metrics' });
  for (const jobBase64 of [false, true]) {
    const base = `/metrics/job${jobBase64 ? BASE64_SUFFIX : ''}/:job`;
    for (const path of [`${base}/*labels`, base]) {
      router.add('PUT', path, { kind: 'push', replace: true, jobBase64 });
      router.add('POST', path, { kind: 'push', replace: false, jobBase64 });
      router.add('DELETE', path, { kind: 'delete', jobBase64 });
    }
  }
  router.add('GET', '/static/*filepath', { kind: 'static' });
  router.add('GET', '/status', { kind: 'statusPage' });
  router.add('GET', '/', { kind: 'statusPage' });
  router.add('GET', '/debug/pprof/*pprof', { kind: 'pprof' });
  // Without --web.enable-lifecycle: PUT and POST are refused with 403, GET gets a 405 of its own.
  router.add('PUT', '/-/quit', { kind: 'lifecycleDisabled' });
  router.add('POST', '/-/quit', { kind: 'lifecycleDisabled' });
  router.add('GET', '/-/quit', { kind: 'quitGet' });
  return router;
}

export function apiRouter(adminApi: boolean): Router<ApiHandler> {
  const router = new Router<ApiHandler>();
  router.add('OPTIONS', '/*path', { kind: 'apiOptions' });
  router.add('GET', '/status', { kind: 'apiStatus' });
  router.add('GET', '/metrics', { kind: 'apiMetrics' });
  if (adminApi) {
    router.add('PUT', '/admin/wipe', { kind: 'wipe' });
  }
  return router;
}
