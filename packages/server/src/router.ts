import type { IncomingMessage, ServerResponse } from 'node:http';
import { ErrorCode } from './envelope.js';
import { HttpError } from './httpError.js';

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
}

export type Handler = (ctx: RequestContext) => Promise<void> | void;

interface Route {
  method: string;
  segments: string[];
  handler: Handler;
}

export interface RouteMatch {
  handler: Handler | null;
  params: Record<string, string>;
  /** Methods the path answers to, for 405 and OPTIONS. */
  allowed: string[];
}

/** Path patterns like `/:uid/webRTC/play`; `:name` captures one segment. */
export class Router {
  private readonly routes: Route[] = [];

  add(method: string, pattern: string, handler: Handler): this {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
    return this;
  }

  match(method: string, pathname: string): RouteMatch | null {
    const parts = pathname.split('/').filter(Boolean);
    let found: RouteMatch | null = null;
    for (const route of this.routes) {
      const params = matchSegments(route.segments, parts);
      if (!params) continue;
      found ??= { handler: null, params, allowed: [] };
      found.allowed.push(route.method);
      if (route.method === method && !found.handler) {
        found.handler = route.handler;
        found.params = params;
      }
    }
    if (found && !found.handler && method !== 'OPTIONS') {
      throw new HttpError(405, `${method} is not allowed here`, ErrorCode.methodNotAllowed, { Allow: found.allowed.join(', ') });
    }
    return found;
  }
}

function matchSegments(pattern: string[], parts: string[]): Record<string, string> | null {
  if (pattern.length !== parts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const want = pattern[i]!;
    let got: string;
    try {
      got = decodeURIComponent(parts[i]!);
    } catch {
      return null;
    }
    if (want.startsWith(':')) params[want.slice(1)] = got;
    else if (want !== got) return null;
  }
  return params;
}
