import {describe, expect, it} from 'vitest'
import {completeWords, type CommandSpec} from '../../src/completion/candidates.js'
import {commandSpecs} from '../../src/completion/commands.js'
import {byPrefix, operationCandidates, pathCandidates} from '../../src/completion/operations.js'
import {loadOperations} from '../../src/spec/index.js'

const ops = await loadOperations()

const commands: CommandSpec[] = commandSpecs([
  {id: 'call', flags: {
    site: {name: 'site', type: 'option'},
    field: {name: 'field', char: 'F', type: 'option', multiple: true},
    verbose: {name: 'verbose', type: 'boolean'},
    'bearer-token': {name: 'bearer-token', aliases: ['pat'], type: 'option'},
    secret: {name: 'secret', type: 'boolean', hidden: true},
  }, args: {method: {name: 'method'}, path: {name: 'path'}}},
  {id: 'api:list', flags: {json: {name: 'json', type: 'boolean'}, format: {name: 'format', aliases: ['fmt'], type: 'option', options: ['table', 'tsv']}}, args: {search: {name: 'search'}}},
  {id: 'api:show', flags: {}, args: {operation: {name: 'operation'}, path: {name: 'path'}}},
  {id: 'completion', flags: {}, args: {shell: {name: 'shell', options: ['bash', 'zsh']}}},
  {id: 'config', flags: {}, args: {}},
  {id: 'config:set', flags: {}, args: {key: {name: 'key', options: ['site', 'api-url']}}},
  {id: '__complete', hidden: true, flags: {}, args: {}},
])
const sources = {commands, operations: async () => ops, flagValues: (name: string) => (name === 'site' ? ['datadoghq.com', 'datadoghq.eu'] : [])}

describe('completeWords', () => {
  it.each([
    {name: 'offers top-level commands and topics, not hidden ones', words: [''], want: ['api', 'call', 'completion', 'config']},
    {name: 'completes a command by prefix', words: ['ca'], want: ['call']},
    {name: 'offers the commands of a topic', words: ['api', ''], want: ['list', 'show']},
    {name: 'offers nothing after an unknown word', words: ['nope', ''], want: []},
    {name: 'offers root flags before a command', words: ['--v'], want: ['--version']},
    {name: 'offers the flags of a command', words: ['call', '--'], want: ['--bearer-token', '--field', '--help', '--site', '--verbose']},
    {name: 'leaves out hidden flags and ones already given', words: ['call', '--verbose', '--s'], want: ['--site']},
    {name: 'offers a repeatable flag again', words: ['call', '-F', 'a=1', '--f'], want: ['--field']},
    {name: 'offers the values of an option flag', words: ['call', '--site', 'datadoghq.'], want: ['datadoghq.com', 'datadoghq.eu']},
    {name: 'offers the values of an option flag after --flag=', words: ['call', '--site=datadoghq.'], want: ['--site=datadoghq.com', '--site=datadoghq.eu']},
    {name: 'offers the fixed options of a flag after --alias=', words: ['api', 'list', '--fmt=t'], want: ['--fmt=table', '--fmt=tsv']},
    {name: 'offers every value after a bare --flag=', words: ['call', '--verbose', '--site='], want: ['--site=datadoghq.com', '--site=datadoghq.eu']},
    {name: 'offers nothing after --flag= of a boolean flag', words: ['call', '--verbose='], want: []},
    {name: 'offers nothing after --flag= of an unknown flag', words: ['call', '--nope=x'], want: []},
    {name: 'offers nothing after --flag= of a free-form flag', words: ['call', '--pat='], want: []},
    {name: 'offers nothing for a free-form flag value', words: ['call', '--pat', ''], want: []},
    {name: 'offers the fixed values of an argument', words: ['completion', ''], want: ['bash', 'zsh']},
    {name: 'prefers a subcommand over an argument of a command that is also a topic', words: ['config', 'set', 's'], want: ['site']},
    {name: 'offers operationIds for the first argument of call', words: ['call', 'ListMonitorD'], want: ['ListMonitorDowntimes']},
    {name: 'offers HTTP methods for the first argument of call', words: ['call', 'PU'], want: ['PUT']},
    {name: 'skips flags with values before the arguments', words: ['call', '--site', 'datadoghq.eu', 'GET', '/api/v1/monitor/sea'], want: ['/api/v1/monitor/search']},
    {name: 'offers paths for the second argument after a method', words: ['call', 'GET', '/api/v1/mon'], want: ['/api/v1/monitor', '/api/v1/monitor/', '/api/v1/monthly_custom_reports', '/api/v1/monthly_custom_reports/']},
    {name: 'offers nothing for a second argument after an operationId', words: ['call', 'ListMonitors', ''], want: []},
    {name: 'offers paths for the first argument of api show', words: ['api', 'show', '/api/v1/monitor/se'], want: ['/api/v1/monitor/search']},
    {name: 'offers nothing for free text such as a search word', words: ['api', 'list', 'mon'], want: []},
  ])('$name', async ({words, want}) => {
    expect(await completeWords(words, sources)).toEqual(want)
  })

  it('does not load the operations to complete a command name', async () => {
    let loaded = false
    await completeWords(['ap'], {commands, operations: async () => { loaded = true; return ops }})
    expect(loaded).toBe(false)
  })
})

describe('pathCandidates', () => {
  it.each([
    {name: 'offers the first segments for an empty word', word: '', method: undefined, want: ['/', '/api/', '/v1/']},
    {name: 'offers the first segments a method has', word: '/', method: 'GET', want: ['/', '/api/']},
    {name: 'stops at the end of the segment being typed', word: '/api/v1/mon', method: undefined, want: ['/api/v1/monitor', '/api/v1/monitor/', '/api/v1/monthly_custom_reports', '/api/v1/monthly_custom_reports/']},
    {name: 'offers only paths that take the method', word: '/api/v1/monitor/', method: 'POST', want: ['/api/v1/monitor/validate', '/api/v1/monitor/{monitor_id}/']},
    {name: 'offers a parameter segment as written', word: '/api/v1/monitor/{', method: 'DELETE', want: ['/api/v1/monitor/{monitor_id}']},
    {name: 'keeps a value typed for a parameter', word: '/api/v1/monitor/12', method: 'GET', want: ['/api/v1/monitor/12', '/api/v1/monitor/12/']},
    {name: 'goes on after a value typed for a parameter', word: '/api/v1/monitor/12/', method: 'POST', want: ['/api/v1/monitor/12/validate']},
    {name: 'offers nothing for a word that is not a path', word: 'api/v1', method: 'GET', want: []},
    {name: 'offers nothing under an unknown segment', word: '/api/v9/', method: 'GET', want: []},
  ])('$name', ({word, method, want}) => {
    expect(pathCandidates(ops, word, method)).toEqual(want)
  })
})

describe('operationCandidates', () => {
  it.each([
    {name: 'offers each id once though both specs have it', word: 'ListUsers', want: ['ListUsers']},
    {name: 'offers v1: forms once the word starts with v1:', word: 'v1:ListUs', want: ['v1:ListUsers']},
    {name: 'offers v2: forms only for v2 ids', word: 'v2:SearchMonitor', want: []},
    {name: 'falls back to any case when nothing matches as typed', word: 'listmonitord', want: ['ListMonitorDowntimes']},
    {name: 'offers a method as typed', word: 'DEL', want: ['DELETE']},
    {name: 'offers methods and ids in any case when none match as typed', word: 'delete', want: expect.arrayContaining(['DELETE', 'DeleteMonitor'])},
  ])('$name', ({word, want}) => {
    expect(operationCandidates(ops, word)).toEqual(want)
  })

  it('offers every method and id for an empty word', () => {
    const all = operationCandidates(ops, '')
    expect(all).toEqual(expect.arrayContaining(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'PATCH', 'POST', 'PUT', 'ListMonitors']))
    expect(all).toHaveLength(7 + new Set(ops.map((op) => op.operationId)).size)
  })
})

describe('byPrefix', () => {
  it.each([
    {name: 'keeps values starting with the word, sorted and unique', values: ['b', 'ab', 'aa', 'ab'], word: 'a', want: ['aa', 'ab']},
    {name: 'matches case-sensitively first', values: ['Get', 'get'], word: 'g', want: ['get']},
    {name: 'falls back to any case', values: ['GET', 'PUT'], word: 'g', want: ['GET']},
  ])('$name', ({values, word, want}) => {
    expect(byPrefix(values, word)).toEqual(want)
  })
})
