import {setCredentialCommand} from '../../set-credential-command.js'

/** `ddcli auth set-api-key`: store an API key in a profile. */
export default setCredentialCommand('apiKey', 'set-api-key', 'Store an API key in a profile')
