import { baseUrlProblem, hostOf } from '../endpoint';
import { ApiError } from './errors';

/**
 * `{baseUrl}/{route}`, joined without a double slash and keeping any query string (Azure-style
 * `?api-version=`).
 *
 * @throws ApiError `badRequest` for a URL we must not send a key to (see `baseUrlProblem`).
 */
export function apiUrl(baseUrl: string, route: string): URL {
  const problem = baseUrlProblem(baseUrl.trim());
  if (problem) {
    throw new ApiError('badRequest', `The base URL is unusable: ${problem}.`, hostOf(baseUrl));
  }
  const url = new URL(baseUrl.trim());
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/${route}`;
  url.hash = '';
  return url;
}
