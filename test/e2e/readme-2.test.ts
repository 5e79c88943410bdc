import {readmeSuite} from '../helpers/readme-suite.js'

// The README's examples, run in bash with ddcli on the PATH against a local server: part 2 of 3 (test/helpers/readme-suite.ts).
readmeSuite('api, auth and config commands')
