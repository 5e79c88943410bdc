import {it} from 'vitest'
import {run} from './helpers/in-process.js'
it('scratch', async () => {
  for (const argv of [['api','show','CreateMonitor','--schema'],['api','show','ListMonitors','--schema'],['api','show','CreateDashboard','--schema']]) {
    const r = await run(argv, {})
    console.log(r.code, r.stdout.toString().split('\n').length, r.stdout.toString().slice(0, 2500), r.stderr.toString())
  }
})
