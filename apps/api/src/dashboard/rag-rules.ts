import type { Indicator, RagRuleSetting } from '@indicate/contracts';
import { effectiveRagRule, ragRuleChoices, type RagRuleChoice } from '@indicate/core';
import { audit } from '../auth/audit.ts';
import { prepared, type Db } from '../db/client.ts';
import { DomainError } from '../domain-error.ts';

/**
 * The RAG rule an analyst or admin chose per indicator (target or national quartile), stored as one
 * settings row (`ragRules`, a JSON object of indicator id to rule); absent means the catalogue's rule.
 * A change is audited. Core's effectiveRagRule decides what a choice means.
 */

const KEY = 'ragRules';

export function readRagRuleChoices(db: Db): Record<string, RagRuleChoice> {
  const row = prepared(db, 'select value from settings where key = ?').get(KEY) as { value: string } | undefined;
  return row ? (JSON.parse(row.value) as Record<string, RagRuleChoice>) : {};
}

export function ragRuleSetting(indicator: Indicator, choices: Record<string, RagRuleChoice>): RagRuleSetting {
  const chosen = choices[indicator.id];
  const rule = effectiveRagRule(indicator, chosen);
  return {
    indicatorId: indicator.id,
    rule: rule.rule,
    catalogueRule: indicator.rag.rule,
    choices: ragRuleChoices(indicator),
    chosen: chosen !== undefined && rule.rule !== indicator.rag.rule,
  };
}

/** Sets (or, with null, clears) an indicator's rule, audited in the same transaction. */
export function changeRagRule(
  db: Db,
  indicator: Indicator,
  rule: RagRuleChoice | null,
  by: { email: string; address: string | null },
): RagRuleSetting {
  if (rule !== null && !ragRuleChoices(indicator).includes(rule)) {
    throw new DomainError(
      'invalid',
      'invalid_request',
      indicator.polarity === 'none'
        ? `${indicator.shortLabel} is a context measure: it has no RAG status, so no rule to choose.`
        : `${indicator.shortLabel} cannot be judged by national quartile: DfE publishes no quartiles for every council's figure. Judge it against a target.`,
    );
  }
  return db.$client.transaction(() => {
    const before = readRagRuleChoices(db);
    const after = { ...before };
    if (rule === null || rule === indicator.rag.rule) delete after[indicator.id];
    else after[indicator.id] = rule;
    prepared(
      db,
      'insert into settings (key, value) values (?, ?) on conflict (key) do update set value = excluded.value',
    ).run(KEY, JSON.stringify(after));
    audit(db, {
      actor: by.email,
      action: 'rag-rule-change',
      target: `indicator ${indicator.id}`,
      before: ragRuleSetting(indicator, before).rule,
      after: ragRuleSetting(indicator, after).rule,
      address: by.address,
    });
    return ragRuleSetting(indicator, after);
  })();
}
