import {setCredentialCommand} from '../../set-credential-command.js'

/** `ddcli auth set-app-key`: store an application key in a profile. */
export default setCredentialCommand('appKey', 'set-app-key', 'Store an application key in a profile')
