// Where Datadog's specs disagree with what Datadog accepts, as seen in recorded traffic (test/replay/schemas.test.ts):
// each override names the operations it patches and why, and is applied to their schema files by scripts/gen-spec.mjs.
// Each one is narrow: it loosens the check only where a request Datadog answered 2xx proves the spec wrong (the
// cassette is named), and keeps everything else of the schema. README "Checked against the spec" lists them.

function def(file, name) {
  const schema = file.defs[name]
  if (!schema) throw new Error(`schema-overrides: ${name} is gone from the spec; review the override`)
  return schema
}

/** Values the API accepts that the enum of `name` lacks. */
const addEnum = (name, values) => (file) => {
  const schema = def(file, name)
  schema.enum = [...schema.enum, ...values.filter((value) => !schema.enum.includes(value))]
}

/** Properties the API does not require although the spec says so. */
const notRequired = (name, properties) => (file) => {
  const schema = def(file, name)
  schema.required = schema.required.filter((property) => !properties.includes(property))
}

/** A property the API accepts in an object the spec closes with additionalProperties: false. */
const addProperty = (name, property, schema = {}) => (file) => {
  def(file, name).properties[property] = schema
}

/** A shape of a oneOf the spec does not list yet: an object whose `tag` property has one of `values`, otherwise unchecked. */
const addBranch = (name, tag, values) => (file) => {
  def(file, name).oneOf.push({type: 'object', required: [tag], properties: {[tag]: {type: 'string', enum: values}}})
}

/** @type {Array<{operations: string[], reason: string, seen: string, apply: (file: {body: object, defs: Record<string, object>}) => void}>} */
export const OVERRIDES = [
  {
    operations: ['v2/CreateStatusPage'], reason: '`enabled` is required by the spec; pages are created without it',
    seen: 'Status-Pages: Create-backfilled-degradation (24 requests)', apply: notRequired('CreateStatusPageRequestDataAttributes', ['enabled']),
  },
  {
    operations: ['v2/QueryScalarData', 'v2/QueryTimeseriesData'], reason: 'the Events data sources lack audit, ci_pipelines, ci_tests, events, network, on_call_events, product_analytics, profiles, security_signals and spans',
    seen: 'Metrics: Scalar/Timeseries cross product queries', apply: addEnum('EventsDataSource', ['audit', 'ci_pipelines', 'ci_tests', 'events', 'network', 'on_call_events', 'product_analytics', 'profiles', 'security_signals', 'spans']),
  },
  {
    operations: ['v2/QueryScalarData'], reason: 'queries of the APM, process, container and SLO data sources have shapes the spec does not describe',
    seen: 'Metrics: Scalar cross product query with apm_metrics, apm_dependency_stats, slo, ...', apply: addBranch('ScalarQuery', 'data_source', ['apm_dependency_stats', 'apm_metrics', 'apm_resource_stats', 'container', 'process', 'slo']),
  },
  {
    operations: ['v2/QueryTimeseriesData'], reason: 'queries of the APM, process, container and SLO data sources have shapes the spec does not describe',
    seen: 'Metrics: Timeseries cross product query with apm_metrics, apm_dependency_stats, slo, ...', apply: addBranch('TimeseriesQuery', 'data_source', ['apm_dependency_stats', 'apm_metrics', 'apm_resource_stats', 'container', 'process', 'slo']),
  },
  {
    operations: ['v2/ValidatePipeline', 'v2/CreatePipeline', 'v2/UpdatePipeline'], reason: 'the clickhouse destination and the websocket source are missing; a parse_grok rule without `source` is accepted',
    seen: 'Observability-Pipelines: Validate with ClickHouse destination, websocket source, parse-grok include rules',
    apply: (file) => {
      addBranch('ObservabilityPipelineConfigDestinationItem', 'type', ['clickhouse'])(file)
      addBranch('ObservabilityPipelineConfigSourceItem', 'type', ['websocket'])(file)
      notRequired('ObservabilityPipelineParseGrokProcessorRule', ['source'])(file)
    },
  },
  {
    operations: ['v2/CreateCase'], reason: '`type_id` is required by the spec; cases are created without it',
    seen: 'Case-Management: Update case attributes (its setup)', apply: notRequired('CaseCreateAttributes', ['type_id']),
  },
  {
    operations: ['v2/CreateMonitorNotificationRule', 'v2/UpdateMonitorNotificationRule'], reason: '`bundle_config` is accepted although additionalProperties is false',
    seen: 'Monitors: Create/Update a monitor notification rule with bundle config', apply: addProperty('MonitorNotificationRuleAttributes', 'bundle_config', {type: 'object'}),
  },
  {
    operations: ['v2/SetOnCallTeamRoutingRules'], reason: 'the escalation_policy action is missing',
    seen: 'On-Call: Set On-Call team routing rules', apply: addBranch('RoutingRuleAction', 'type', ['escalation_policy']),
  },
  {
    operations: ['v2/CreateVulnerabilityNotificationRule', 'v2/PatchVulnerabilityNotificationRule', 'v2/CreateSignalNotificationRule', 'v2/PatchSignalNotificationRule'],
    reason: 'rule types sast_vulnerability and secret_vulnerability are missing',
    seen: 'Security-Monitoring: Create a new vulnerability-based notification rule with sast and secret rule types', apply: addEnum('RuleTypesItems', ['sast_vulnerability', 'secret_vulnerability']),
  },
  {
    operations: ['v2/CreateCIAppPipelineEvent'], reason: 'a running job (status running, no end yet) is accepted',
    seen: 'CI-Visibility-Pipelines: Send running job event',
    apply: (file) => {
      addEnum('CIAppPipelineEventJobStatus', ['running'])(file)
      notRequired('CIAppPipelineEventJob', ['end'])(file)
    },
  },
  {
    operations: ['v2/CreateAwsScanOptions'], reason: '`sensitive_data` is required by the spec; options are created without it',
    seen: 'Agentless-Scanning: Post AWS Scan Options', apply: notRequired('AwsScanOptionsCreateAttributes', ['sensitive_data']),
  },
  {
    operations: ['v2/CreateAWSAccount'], reason: 'the attributes wrapped in an `aws_account` object are accepted',
    seen: 'AWS-Integration: Create account with valid config',
    apply: (file) => {
      file.defs['AWSAccountCreateRequestAttributes (spec)'] = def(file, 'AWSAccountCreateRequestAttributes')
      file.defs.AWSAccountCreateRequestAttributes = {oneOf: [
        {$ref: 'AWSAccountCreateRequestAttributes (spec)'},
        {type: 'object', required: ['aws_account'], properties: {aws_account: {$ref: 'AWSAccountCreateRequestAttributes (spec)'}}},
      ]}
    },
  },
]
