/**
 * The agent's OCF 1.1 meta-data, generated from the parameter table so that what Pacemaker,
 * pcs and crm show can never disagree with what the agent reads.
 */
import { PARAMETERS, type ParameterSpec } from './parameters.js';
import { agentText } from './messages.js';

/** Timeouts and intervals Pacemaker proposes for each action. */
const ACTIONS: ReadonlyArray<Record<string, string>> = [
  { name: 'start', timeout: '120s' },
  { name: 'stop', timeout: '120s' },
  { name: 'promote', timeout: '60s' },
  { name: 'demote', timeout: '60s' },
  { name: 'notify', timeout: '30s' },
  { name: 'monitor', depth: '0', timeout: '20s', interval: '10s', role: 'Promoted' },
  { name: 'monitor', depth: '0', timeout: '20s', interval: '11s', role: 'Unpromoted' },
  { name: 'validate-all', timeout: '20s' },
  { name: 'meta-data', timeout: '5s' },
];

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const attributes = (pairs: Record<string, string>) => Object.entries(pairs).map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');

/**
 * The content types of ra-api-1.dtd, which ocf-tester and crm validate against: a list is a
 * string of space-separated words, and a choice a string whose values the description lists
 * (OCF 1.1's `select` is not in that DTD yet).
 */
function contentType(spec: ParameterSpec): string {
  return spec.type.kind === 'list' || spec.type.kind === 'select' ? 'string' : spec.type.kind;
}

function longdesc(spec: ParameterSpec): string {
  return spec.type.kind === 'select' ? `${spec.longdesc} One of: ${spec.type.values.join(', ')}.` : spec.longdesc;
}

function parameterXml(spec: ParameterSpec): string[] {
  const content = { type: contentType(spec), ...(spec.default === undefined ? {} : { default: spec.default }) };
  return [
    `  <parameter name="${spec.name}" unique="0" required="${spec.default === undefined ? 1 : 0}">`,
    `    <longdesc lang="en">${escapeXml(longdesc(spec))}</longdesc>`,
    `    <shortdesc lang="en">${escapeXml(spec.shortdesc)}</shortdesc>`,
    `    <content${attributes(content)}/>`,
    '  </parameter>',
  ];
}

export function metaData(version: string): string {
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE resource-agent SYSTEM "ra-api-1.dtd">',
    `<resource-agent name="scst" version="${escapeXml(version)}">`,
    '<version>1.1</version>',
    `<longdesc lang="en">${escapeXml(agentText.longdesc)}</longdesc>`,
    `<shortdesc lang="en">${escapeXml(agentText.shortdesc)}</shortdesc>`,
    '<parameters>',
    ...PARAMETERS.flatMap(parameterXml),
    '</parameters>',
    '<actions>',
    ...ACTIONS.map((action) => `  <action${attributes(action)}/>`),
    '</actions>',
    '</resource-agent>',
    '',
  ].join('\n');
}
