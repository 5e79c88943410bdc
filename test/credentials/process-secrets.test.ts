import {describe, expect, it} from 'vitest'
import {createMasker} from '../../src/credentials/mask.js'
import {processSecrets} from '../../src/credentials/process-secrets.js'

/** Not shaped like a Datadog secret, so only knowing it from argv can mask it. */
const S = 'plainSecretValue77'

describe('processSecrets finds a secret typed on argv however it is spelt', () => {
  it.each([
    {name: 'a credential flag and its value', argv: ['call', 'GET', '/x', '--api-key', S]},
    {name: 'a credential flag with =', argv: ['call', 'GET', '/x', `--app-key=${S}`]},
    {name: 'a misspelt credential flag and its value', argv: ['call', 'GET', '/x', '--apikey', S]},
    {name: 'a misspelt credential flag with =', argv: ['call', 'GET', '/x', `--api_key=${S}`]},
    {name: 'an unknown --token flag', argv: ['auth', 'set-pat', '--token', S]},
    {name: 'an unknown camel-case flag', argv: ['call', 'GET', '/x', `--apiKey=${S}`]},
    {name: 'a field of a secret name written against -f', argv: ['call', 'GET', '/x', `-fapi_key=${S}`]},
    {name: 'a field of a secret name with --raw-field=', argv: ['call', 'GET', '/x', `--raw-field=application_key=${S}`]},
    {name: 'a typed field named token', argv: ['call', 'POST', '/x', '-F', `token=${S}`]},
    {name: 'a header written with = instead of :', argv: ['call', 'GET', '/x', '-H', `DD-API-KEY=${S}`]},
    {name: 'a header written with a space instead of :', argv: ['call', 'GET', '/x', '-H', `Authorization Bearer ${S}`]},
    {name: 'a header with a space before its colon', argv: ['call', 'GET', '/x', `-HAuthorization : Bearer ${S}`]},
    {name: 'an argument to auth set-api-key', argv: ['auth', 'set-api-key', S]},
    {name: 'an argument to auth:set-pat', argv: ['auth:set-pat', S]},
  ])('$name', ({argv}) => {
    expect(processSecrets(argv, {})).toContain(S)
    expect(createMasker(processSecrets(argv, {}))(`argv: ${JSON.stringify(argv)}`)).not.toContain(S)
  })

  it.each([
    {name: 'the value of an ordinary flag', argv: ['call', 'GET', '/x', '--page-size', '100', '--paginate', '--input-path', 'x']},
    {name: 'an ordinary field', argv: ['call', 'GET', '/x', '-f', 'query=status']},
    {name: 'the flag after a secret-like flag given without value', argv: ['call', 'GET', '/x', '--token', '--verbose']},
    {name: 'the arguments of other commands', argv: ['config', 'set', 'site', 'datadoghq.eu']},
  ])('and takes nothing else: $name', ({argv}) => {
    expect(processSecrets(argv, {})).toEqual([])
  })
})
