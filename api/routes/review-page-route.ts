import { readFileSync } from 'node:fs';
import express, { type Response, type Router } from 'express';
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
    contentType: 'text/javascript; charset=utf-8',
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

/** Reads the page's files once (they ship with the code, next to this folder). */
function loadAssets(): Map<string, { asset: Asset; content: Buffer }> {
  return new Map(
    assets.map((asset) => [
      asset.path,
      { asset, content: readFileSync(new URL(`../review-page/${asset.file}`, import.meta.url)) },
    ]),
  );
}

function send(response: Response, asset: Asset, content: Buffer): void {
  response
    .status(200)
    .set({
      'Content-Type': asset.contentType,
      'Content-Security-Policy': reviewPageContentSecurityPolicy,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-cache',
    })
    .send(content);
}

/**
 * GET /review (+ its script and stylesheet) as public routes: pass them in createApp's `deps.routes`. The
 * page itself holds no data; every call it makes carries the API key the user pastes in.
 */
export function reviewPageRoutes(): Route[] {
  const loaded = loadAssets();
  return [...loaded.values()].map(({ asset, content }) =>
    defineRoute({
      method: 'get',
      path: asset.path,
      operationId: asset.operationId,
      summary: asset.summary,
      tags: ['review page'],
      access: 'public',
      responses: { 200: { description: asset.file, contentType: asset.contentType.split(';')[0] } },
      handle: async ({ response }) => {
        send(response, asset, content);
        return undefined;
      },
    }),
  );
}

/** The same page on a plain express Router, for mounting outside createApp. */
export function reviewPageRouter(): Router {
  const router = express.Router();
  for (const { asset, content } of loadAssets().values()) {
    router.get(asset.path, (_request, response) => send(response, asset, content));
  }
  return router;
}
