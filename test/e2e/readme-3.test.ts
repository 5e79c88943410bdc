import {readmeSuite} from '../helpers/readme-suite.js'

// The README's examples, run in bash with ddcli on the PATH against a local server: part 3 of 3 (test/helpers/readme-suite.ts).
readmeSuite('other commands')
