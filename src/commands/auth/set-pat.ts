import {setCredentialCommand} from '../../set-credential-command.js'

/** `ddcli auth set-pat`: store a Personal Access Token (PAT) in a profile. */
export default setCredentialCommand('pat', 'set-pat', 'Store a Personal Access Token (PAT) in a profile', ' A PAT that does not start with ddpat_ or ddsat_ is stored with a warning.')
