import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkRouteContract, formatViolations, urlParams, type RouteTableEntry } from './route-contract.ts';

function entry(
  method: string,
  url: string,
  partial: Partial<Pick<RouteTableEntry, 'config' | 'schema' | 'implicitHead'>> = {},
): RouteTableEntry {
  return { method, url, config: { access: 'public' }, schema: {}, implicitHead: false, ...partial };
}

describe('route contract', () => {
  it('accepts a route that declares access and a schema for each input it takes', () => {
    const table = [
      entry('GET', '/cases/:id', {
        schema: { params: z.object({ id: z.uuid() }), querystring: z.object({ lang: z.string().optional() }) },
      }),
      entry('POST', '/cases/:id/withdraw', { schema: { params: z.object({ id: z.uuid() }), body: z.object({}) } }),
      entry('DELETE', '/api/v1/things/:id', { schema: { params: z.object({ id: z.uuid() }) } }),
    ];
    expect(checkRouteContract(table)).toEqual([]);
  });

  it('names a route without an access declaration', () => {
    const table = [entry('GET', '/x', { config: {}, schema: { querystring: z.object({}) } })];
    expect(formatViolations(checkRouteContract(table))).toBe(
      'GET /x: declares no access (config.access: public | authenticated | { roles })',
    );
  });

  it('names a route with URL parameters but no params schema, or one that misses a parameter', () => {
    const table = [
      entry('POST', '/a/:id', { schema: { body: z.object({}) } }),
      entry('POST', '/b/:id/:file', { schema: { params: z.object({ id: z.string() }), body: z.object({}) } }),
    ];
    expect(checkRouteContract(table)).toEqual([
      { route: 'POST /a/:id', problem: 'has URL parameters (id) but no params schema' },
      { route: 'POST /b/:id/:file', problem: 'params schema does not declare file' },
    ]);
  });

  it('names a POST, PUT or PATCH route without a body schema', () => {
    const table = ['POST', 'PUT', 'PATCH'].map((method) => entry(method, '/form'));
    expect(checkRouteContract(table).map((v) => v.route)).toEqual(['POST /form', 'PUT /form', 'PATCH /form']);
  });

  it('names a GET route without a querystring schema, unless it is a listed machine endpoint', () => {
    const table = [entry('GET', '/page'), entry('GET', '/healthz'), entry('HEAD', '/page', { implicitHead: true })];
    expect(checkRouteContract(table)).toEqual([
      {
        route: 'GET /page',
        problem: 'is a GET route without a querystring schema (declare the query it reads, z.object({}) if none)',
      },
    ]);
  });

  it("exempts the dev identity provider's protocol surface, which validates its own input", () => {
    const table = ['GET', 'POST', 'HEAD', 'OPTIONS'].map((method) => entry(method, '/dev/idp/*'));
    expect(checkRouteContract(table)).toEqual([]);
  });

  it('finds named and wildcard URL parameters', () => {
    expect(urlParams('/a/:id/b/:file_name')).toEqual(['id', 'file_name']);
    expect(urlParams('/dev/idp/*')).toEqual(['*']);
    expect(urlParams('/')).toEqual([]);
  });
});
