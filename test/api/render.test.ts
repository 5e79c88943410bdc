import {describe, expect, it} from 'vitest'
import {jsonText, listTable, listTsv, noMatchLine, type ListEntry} from '../../src/api/render.js'
import {unknownOperationLine} from '../../src/api/render-show.js'

function entry(name: string, path: string, summary: string, status: Partial<Pick<ListEntry, 'preview' | 'deprecated'>> = {}): ListEntry {
  const preview = status.preview ?? false
  const deprecated = status.deprecated ?? false
  return {
    name, operationId: name.replace(/^v1:/, ''), version: 'v1', method: 'GET', path, summary, preview, deprecated,
    status: [preview ? 'preview' : '', deprecated ? 'deprecated' : ''].filter(Boolean).join(','),
  }
}

const monitors = entry('ListMonitors', '/api/v1/monitor', 'Get all monitors')
const both = entry('ListAPIs', '/api/v2/apicatalog/api', 'List APIs', {preview: true, deprecated: true})
const long = entry('GetSomethingRatherLong', '/api/v2/a/rather/long/path/{with_a_parameter}/and/more', 'A summary that goes on and on for quite a while')

describe('listTsv', () => {
  it.each([
    {name: 'writes one tab-separated line per operation', entries: [monitors], want: 'ListMonitors\tGET\t/api/v1/monitor\t\tGet all monitors\n'},
    {name: 'keeps both status words, comma-separated', entries: [both], want: 'ListAPIs\tGET\t/api/v2/apicatalog/api\tpreview,deprecated\tList APIs\n'},
    {name: 'never truncates a long row', entries: [long], want: `GetSomethingRatherLong\tGET\t${long.path}\t\t${long.summary}\n`},
    {name: 'turns a tab inside a summary into a space', entries: [entry('X', '/x', 'a\tb')], want: 'X\tGET\t/x\t\ta b\n'},
    {name: 'prints nothing for no operations', entries: [], want: ''},
  ])('$name', ({entries, want}) => {
    expect(listTsv(entries)).toBe(want)
  })
})

describe('listTable', () => {
  it.each([
    {
      name: 'aligns columns under a header and leaves STATUS out when no row has one',
      entries: [monitors], columns: 120,
      want: ['NAME          METHOD  PATH             SUMMARY', 'ListMonitors  GET     /api/v1/monitor  Get all monitors'],
    },
    {
      name: 'shows deprecated over preview in the STATUS column',
      entries: [monitors, both], columns: 120,
      want: [
        'NAME          METHOD  PATH                    STATUS      SUMMARY',
        'ListMonitors  GET     /api/v1/monitor                     Get all monitors',
        'ListAPIs      GET     /api/v2/apicatalog/api  deprecated  List APIs',
      ],
    },
    {
      name: 'cuts the summary first to fit a narrow terminal',
      entries: [entry('ListMonitors', '/api/v1/monitor', 'Get all monitor details, every single one')], columns: 60,
      want: ['NAME          METHOD  PATH             SUMMARY', 'ListMonitors  GET     /api/v1/monitor  Get all monitor deta…'],
    },
  ])('$name', ({entries, columns, want}) => {
    expect(listTable(entries, columns)).toBe(`${want.join('\n')}\n`)
  })

  it.each([
    {name: 'fits every line into 80 columns when the path and summary can give way', columns: 80},
    {name: 'fits every line into 100 columns', columns: 100},
  ])('$name', ({columns}) => {
    const lines = listTable([monitors, both, long], columns).trimEnd().split('\n')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(columns)
    expect(lines[3]).toContain('…')
  })

  it('keeps summaries readable on a 120-column terminal when one name and one path are very long', () => {
    const longName = entry(`Get${'VeryLong'.repeat(5)}Thing`, `/api/v2/${'segment/'.repeat(8)}{id}`, 'Short')
    const wordy = entry('ListMonitors', '/api/v1/monitor', 'Check if a monitor can be deleted safely right now')
    const lines = listTable([longName, wordy], 120).trimEnd().split('\n')
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(120)
    expect(lines[2]).toMatch(/Check if a monitor can be deleted/)
  })
})

describe('messages', () => {
  it.each([
    {name: 'names the search term when nothing matches', got: noMatchLine('zzz'), want: 'no operations match "zzz"; try a shorter word, or ddcli api list for all'},
    {name: 'lists one suggestion plainly', got: unknownOperationLine('ListMonitorz', ['ListMonitors']), want: 'unknown operation "ListMonitorz"; did you mean ListMonitors? (ddcli api list SEARCH finds others)'},
    {name: 'joins three suggestions with commas and or', got: unknownOperationLine('/api/v1/monitr', ['/a', '/b', '/c']), want: 'unknown operation "/api/v1/monitr"; did you mean /a, /b or /c? (ddcli api list SEARCH finds others)'},
    {name: 'points to api list when nothing is close', got: unknownOperationLine('Qqq', []), want: 'unknown operation "Qqq"; find one with ddcli api list SEARCH'},
    {name: 'writes compact JSON when piped', got: jsonText([{a: 1}], false), want: '[{"a":1}]\n'},
    {name: 'writes indented JSON on a terminal', got: jsonText([{a: 1}], true), want: '[\n  {\n    "a": 1\n  }\n]\n'},
  ])('$name', ({got, want}) => {
    expect(got).toBe(want)
  })
})
