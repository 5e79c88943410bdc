import {describe, expect, it} from 'vitest'
import {paramValue, withParam, type PageRequest} from '../../src/paginate/params.js'
import {firstRequest, nextRequest, planStrategy} from '../../src/paginate/run.js'
import {followOf, resumeFlag, strategyOf} from '../../src/paginate/strategy.js'
import type {Operation} from '../../src/spec/index.js'

const req = (url: string, body?: Record<string, unknown>): PageRequest => ({url: new URL(url, 'https://api.test'), ...(body ? {body} : {})})
const cursorQuery = strategyOf({cursorParam: 'page[cursor]', cursorPath: 'meta.page.after', limitParam: 'page[limit]', resultsPath: 'data', limitDefault: 10})!
const cursorBody = strategyOf({cursorParam: 'body.data.attributes.page.cursor', cursorPath: 'meta.page.after', limitParam: 'body.data.attributes.page.limit', resultsPath: 'data', limitDefault: 10})!
const offset = strategyOf({limitParam: 'page[size]', pageOffsetParam: 'page[offset]', resultsPath: 'data', limitDefault: 10})!
const pages = strategyOf({limitParam: 'page[size]', pageParam: 'page[number]', pageStart: 1, resultsPath: 'data'})!
const pagesFromZero = strategyOf({limitParam: 'page_size', pageParam: 'page'})!

describe('nextRequest', () => {
  it.each([
    {name: 'a query cursor goes into page[cursor]', strategy: cursorQuery, request: req('/l?page%5Blimit%5D=2'), page: {meta: {page: {after: 'c2'}}}, url: '/l?page%5Blimit%5D=2&page%5Bcursor%5D=c2', resume: "-f 'page[cursor]=c2'"},
    {name: 'a query cursor is replaced, the rest of the query kept byte for byte', strategy: cursorQuery, request: req('/l?filter[query]=a%20b&page%5Bcursor%5D=c1'), page: {meta: {page: {after: 'c2'}}}, url: '/l?filter[query]=a%20b&page%5Bcursor%5D=c2', resume: "-f 'page[cursor]=c2'"},
    {name: 'an offset grows by the items received', strategy: offset, request: req('/l?page%5Boffset%5D=10'), page: {}, count: 10, url: '/l?page%5Boffset%5D=20', resume: "-f 'page[offset]=20'"},
    {name: 'a page number starts from pageStart', strategy: pages, request: req('/l'), page: {}, url: '/l?page%5Bnumber%5D=2', resume: "-f 'page[number]=2'"},
    {name: 'a page number starts from 0 by default', strategy: pagesFromZero, request: req('/l'), page: {}, url: '/l?page=1', resume: "-f 'page=1'"},
    {name: 'a resume flag with a quote is shell-quoted', strategy: cursorQuery, request: req('/l'), page: {meta: {page: {after: "it's"}}}, url: '/l?page%5Bcursor%5D=it%27s', resume: `-f 'page[cursor]=it'\\''s'`},
  ])('$name', ({strategy, request, page, count, url, resume}) => {
    const next = nextRequest(strategy, request, page, count ?? 10)
    expect(next!.request.url.pathname + next!.request.url.search).toBe(url)
    expect(next!.resume).toBe(resume)
  })

  it('puts a body cursor inside the body, keeping the rest of it', () => {
    const next = nextRequest(cursorBody, req('/s', {data: {type: 'search', attributes: {filter: {q: 'x'}, page: {limit: 5}}}}), {meta: {page: {after: 'c9'}}}, 5)
    expect(next!.request.body).toEqual({data: {type: 'search', attributes: {filter: {q: 'x'}, page: {limit: 5, cursor: 'c9'}}}})
    expect(next!.resume).toBe("-f 'data[attributes][page][cursor]=c9'")
  })

  it.each([
    {name: 'a missing cursor', page: {meta: {page: {}}}},
    {name: 'an empty cursor', page: {meta: {page: {after: ''}}}},
    {name: 'a cursor that is not a string', page: {meta: {page: {after: {x: 1}}}}},
    {name: 'the same cursor again', page: {meta: {page: {after: 'c1'}}}},
  ])('stops at $name', ({page}) => {
    expect(nextRequest(cursorQuery, req('/l?page%5Bcursor%5D=c1'), page, 10)).toBeUndefined()
  })
})

describe('a next page never carries a user name or password (got would send them as Authorization: Basic)', () => {
  const follow = planStrategy(undefined, undefined)
  it.each([
    {name: 'a spec cursor shaped like user:password@host', strategy: cursorQuery, page: {meta: {page: {after: 'u:pw@evil.example'}}}},
    {name: 'a followed meta.page.after shaped like a URL with user:password@', strategy: follow, page: {data: [1], meta: {page: {after: 'https://u:pw@api.test/x'}}}},
    {name: 'a followed next_cursor with an @', strategy: follow, page: {data: [1], meta: {pagination: {next_cursor: 'u:pw@api.test'}}}},
  ])('keeps $name inside the query string', ({strategy, page}) => {
    const next = nextRequest(strategy, req('/l'), page, 10)!
    expect({username: next.request.url.username, password: next.request.url.password, host: next.request.url.host}).toEqual({username: '', password: '', host: 'api.test'})
  })

  it.each([
    {name: 'an absolute links.next with user:password@', href: 'https://u:pw@api.test/l?page=2'},
    {name: 'a links.next with a user name only', href: 'https://u@api.test/l?page=2'},
    {name: 'a scheme-relative links.next with user:password@', href: '//u:pw@api.test/l?page=2'},
  ])('refuses $name, without echoing it', ({href}) => {
    const run = () => nextRequest(follow, req('/l'), {data: [1], links: {next: href}}, 10)
    expect(run).toThrow('links.next has a user name or password, which ddcli does not follow (it would replace your credentials)')
  })
})

describe('followOf', () => {
  it.each([
    {name: 'meta.page.after', page: {meta: {page: {after: 'a'}}}, follow: {kind: 'cursor', cursor: 'a'}},
    {name: 'meta.pagination.next_cursor', page: {meta: {pagination: {next_cursor: 'b'}}}, follow: {kind: 'cursor', cursor: 'b'}},
    {name: 'links.next', page: {links: {next: '/x?p=2'}}, follow: {kind: 'link', href: '/x?p=2'}},
    {name: 'nothing to follow', page: {data: []}, follow: undefined},
    {name: 'a null links.next', page: {links: {next: null}}, follow: undefined},
  ])('reads $name', ({page, follow}) => {
    expect(followOf(page)).toEqual(follow)
  })
})

describe('firstRequest and planStrategy', () => {
  const op = (pagination?: Record<string, string | number>) => ({operationId: 'ListThings', pagination} as unknown as Operation)

  it.each([
    {name: 'sends the spec default limit when none is given', pageSize: undefined, url: '/l', out: '/l?page%5Blimit%5D=10', limit: 10},
    {name: 'sends --page-size', pageSize: 50, url: '/l', out: '/l?page%5Blimit%5D=50', limit: 50},
    {name: 'keeps a limit given with -f', pageSize: undefined, url: '/l?page[limit]=7', out: '/l?page[limit]=7', limit: 7},
  ])('$name', ({pageSize, url, out, limit}) => {
    const first = firstRequest(cursorQuery, req(url), pageSize)
    expect(first.request.url.pathname + first.request.url.search).toBe(out)
    expect(first.limit).toBe(limit)
  })

  const capped = strategyOf({cursorParam: 'page[cursor]', cursorPath: 'meta.page.after', limitParam: 'page[limit]', resultsPath: 'data', limitDefault: 10, limitMax: 1000})!
  const cappedBody = strategyOf({cursorParam: 'body.page.cursor', cursorPath: 'meta.page.after', limitParam: 'body.page.limit', resultsPath: 'data', limitDefault: 10, limitMax: 1000})!
  const cappedNoDefault = strategyOf({limitParam: 'page[size]', pageOffsetParam: 'page[offset]', resultsPath: 'data', limitMax: 500})!
  it.each([
    {name: "asks for the spec's maximum when nothing is set", strategy: capped, pageSize: undefined, maxItems: undefined, url: '/l', out: '/l?page%5Blimit%5D=1000', limit: 1000, shortBelow: 10},
    {name: 'asks for --max-items when it is below the maximum', strategy: capped, pageSize: undefined, maxItems: 12, url: '/l', out: '/l?page%5Blimit%5D=12', limit: 12, shortBelow: 10},
    {name: 'asks for --max-items below the default, and trusts a short page', strategy: capped, pageSize: undefined, maxItems: 5, url: '/l', out: '/l?page%5Blimit%5D=5', limit: 5, shortBelow: 5},
    {name: 'asks for the maximum when --max-items is above it', strategy: capped, pageSize: undefined, maxItems: 5000, url: '/l', out: '/l?page%5Blimit%5D=1000', limit: 1000, shortBelow: 10},
    {name: 'keeps --page-size over the maximum', strategy: capped, pageSize: 50, maxItems: undefined, url: '/l', out: '/l?page%5Blimit%5D=50', limit: 50, shortBelow: 50},
    {name: 'keeps a limit given in the query', strategy: capped, pageSize: undefined, maxItems: undefined, url: '/l?page[limit]=7', out: '/l?page[limit]=7', limit: 7, shortBelow: 7},
    {name: 'ends only at an empty page or cursor without a default to trust', strategy: cappedNoDefault, pageSize: undefined, maxItems: undefined, url: '/l', out: '/l?page%5Bsize%5D=500', limit: 500, shortBelow: undefined},
  ])('$name', ({strategy, pageSize, maxItems, url, out, limit, shortBelow}) => {
    const first = firstRequest(strategy, req(url), pageSize, maxItems)
    expect(first.request.url.pathname + first.request.url.search).toBe(out)
    expect({limit: first.limit, shortBelow: first.shortBelow}).toEqual({limit, shortBelow})
  })

  it('puts the maximum into a JSON body limit, and keeps one the body sets', () => {
    expect(firstRequest(cappedBody, req('/l', {filter: {query: 'x'}}), undefined).request.body).toEqual({filter: {query: 'x'}, page: {limit: 1000}})
    expect(firstRequest(cappedBody, req('/l', {page: {limit: 3}}), undefined).request.body).toEqual({page: {limit: 3}})
  })

  it.each([
    {name: 'an operation that does not paginate', run: () => planStrategy(op(), undefined), message: /ListThings does not return pages; drop --paginate/},
    {name: '--page-size on a list the index does not know', run: () => planStrategy(undefined, 5), message: /--page-size needs a list the spec index knows/},
    {name: '--page-size disagreeing with a limit field', run: () => firstRequest(cursorQuery, req('/l?page%5Blimit%5D=7'), 5), message: /--page-size and a limit field disagree/},
  ])('refuses $name', ({run, message}) => {
    expect(run).toThrow(message)
  })
})

describe('params', () => {
  it.each([
    {name: 'decodes an encoded key', url: '/l?page%5Bcursor%5D=a%2Bb', value: 'a+b'},
    {name: 'reads a literal bracket key', url: '/l?page[cursor]=x', value: 'x'},
    {name: 'is undefined when absent', url: '/l?other=1', value: undefined},
  ])('paramValue $name', ({url, value}) => {
    expect(paramValue(req(url), {in: 'query', name: 'page[cursor]'})).toBe(value)
  })

  it('withParam does not change the request it was given', () => {
    const body = {page: {limit: 1}}
    const before = req('/l', body)
    withParam(before, {in: 'body', path: ['page', 'cursor']}, 'c')
    expect(before.body).toEqual({page: {limit: 1}})
  })

  it('resumeFlag writes a body path as bracket keys', () => {
    expect(resumeFlag({in: 'body', path: ['page', 'cursor']}, 'x')).toBe("-f 'page[cursor]=x'")
  })
})
