import { readdirSync, readFileSync } from 'node:fs';
import express, { type Response, type Router } from 'express';
import { z } from 'zod';
import { NotFoundHttpError } from '../http/http-errors.ts';
import { toExpressPath } from '../http/mount-routes.ts';
import { defineRoute, type Route } from '../http/route-definition.ts';

/** The page loads only its own files and talks only to this origin: no inline code, no CDN, no fonts. */
export const reviewPageContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const javascript = 'text/javascript; charset=utf-8';

interface Asset {
  operationId: string;
  path: string;
  file: string;
  contentType: string;
  summary: string;
}

const assets: Asset[] = [
  {
    operationId: 'getReviewPage',
    path: '/review',
    file: 'index.html',
    contentType: 'text/html; charset=utf-8',
    summary: 'The review web page',
  },
  {
    operationId: 'getReviewPageScript',
    path: '/review/review.js',
    file: 'review.js',
    contentType: javascript,
    summary: 'Script of the review page',
  },
  {
    operationId: 'getReviewPageStyles',
    path: '/review/review.css',
    file: 'review.css',
    contentType: 'text/css; charset=utf-8',
    summary: 'Styles of the review page',
  },
];

const pageFolder = new URL('../review-page/', import.meta.url);
const modulesFolder = new URL('modules/', pageFolder);
const modulesPath = '/review/modules/{file}';
const moduleName = /^[a-z][a-z0-9-]*\.js$/;

/** Reads the page's files once (they ship with the code, next to this folder). */
function loadAssets(): Map<string, { asset: Asset; content: Buffer }> {
  return new Map(
    assets.map((asset) => [asset.path, { asset, content: readFileSync(new URL(asset.file, pageFolder)) }]),
  );
}

/**
 * The script's modules, read once at start-up and keyed by file name: a request can only pick one of
 * these names, never build a path, so nothing outside the folder can be reached.
 */
function loadModules(): Map<string, Buffer> {
  const names = readdirSync(modulesFolder).filter((name) => moduleName.test(name));
  return new Map(names.map((name) => [name, readFileSync(new URL(name, modulesFolder))]));
}

function send(response: Response, contentType: string, content: Buffer): void {
  response
    .status(200)
    .set({
      'Content-Type': contentType,
      'Content-Security-Policy': reviewPageContentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-cache',
    })
    .send(content);
}

/**
 * GET /review (+ its script, the script's modules and the stylesheet) as public routes: pass them in
 * createApp's `deps.routes`. The page itself holds no data; every call it makes carries the API key the
 * user pastes in.
 */
export function reviewPageRoutes(): Route[] {
  const modules = loadModules();
  const files = [...loadAssets().values()].map(({ asset, content }) =>
    defineRoute({
      method: 'get',
      path: asset.path,
      operationId: asset.operationId,
      summary: asset.summary,
      tags: ['review page'],
      access: 'public',
      responses: { 200: { description: asset.file, contentType: asset.contentType.split(';')[0] } },
      handle: async ({ response }) => {
        send(response, asset.contentType, content);
        return undefined;
      },
    }),
  );
  const moduleRoute = defineRoute({
    method: 'get',
    path: modulesPath,
    operationId: 'getReviewPageModule',
    summary: 'A module of the review page script (the script imports them)',
    tags: ['review page'],
    access: 'public',
    params: z.object({ file: z.string().describe('file name of the module, e.g. api-client.js') }),
    responses: {
      200: { description: 'a JavaScript module', contentType: 'text/javascript' },
      404: { description: 'no module of that name' },
    },
    handle: async ({ params, response }) => {
      const content = modules.get(params.file);
      if (!content) throw new NotFoundHttpError('the review page has no module of that name');
      send(response, javascript, content);
      return undefined;
    },
  });
  return [...files, moduleRoute];
}

/** The same page on a plain express Router, for mounting outside createApp. */
export function reviewPageRouter(): Router {
  const router = express.Router();
  for (const { asset, content } of loadAssets().values()) {
    router.get(asset.path, (_request, response) => send(response, asset.contentType, content));
  }
  const modules = loadModules();
  router.get(toExpressPath(modulesPath), (request, response, next) => {
    const name = request.params.file;
    const content = typeof name === 'string' ? modules.get(name) : undefined;
    if (content) send(response, javascript, content);
    else next();
  });
  return router;
}
