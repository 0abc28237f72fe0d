import type { SigmaRuleRef } from '../../../src/api-types.ts';
import { Fact } from './fact.tsx';
import { LevelBadge } from './rw-badges.tsx';

// Sigma writes tactics by name; attack.mitre.org addresses them by id.
const TACTICS: Record<string, string> = {
  reconnaissance: 'TA0043',
  resource_development: 'TA0042',
  initial_access: 'TA0001',
  execution: 'TA0002',
  persistence: 'TA0003',
  privilege_escalation: 'TA0004',
  defense_evasion: 'TA0005',
  credential_access: 'TA0006',
  discovery: 'TA0007',
  lateral_movement: 'TA0008',
  collection: 'TA0009',
  command_and_control: 'TA0011',
  exfiltration: 'TA0010',
  impact: 'TA0040',
};

/** `attack.t1490` -> the technique page; tactics, groups and software likewise; else null. */
export function attackLink(tag: string): { label: string; href: string } | null {
  const m = /^attack\.(.+)$/i.exec(tag);
  if (!m) return null;
  const rest = (m[1] as string).toLowerCase();
  const technique = /^t(\d{4})(?:\.(\d{3}))?$/.exec(rest);
  if (technique) {
    const [, main, sub] = technique;
    return {
      label: `T${main}${sub ? `.${sub}` : ''}`,
      href: `https://attack.mitre.org/techniques/T${main}/${sub ? `${sub}/` : ''}`,
    };
  }
  const other = /^([gs])(\d{4})$/.exec(rest);
  if (other) {
    const kind = other[1] === 'g' ? 'groups' : 'software';
    const code = `${(other[1] as string).toUpperCase()}${other[2]}`;
    return { label: code, href: `https://attack.mitre.org/${kind}/${code}/` };
  }
  const tactic = TACTICS[rest.replace(/-/g, '_')];
  if (tactic) {
    const name = rest.replace(/[_-]/g, ' ');
    return { label: name, href: `https://attack.mitre.org/tactics/${tactic}/` };
  }
  return null;
}

/**
 * The rule's author, as the Detection Rule License (SigmaHQ rules) requires in every view of
 * a match. A rule without one says so rather than leaving a blank.
 */
export function RuleAuthor({ rule }: { rule: SigmaRuleRef }) {
  return <span className="rw-author">{rule.author ?? 'Author not stated'}</span>;
}

function ExternalLink({ href, children, what }: { href: string; children: string; what: string }) {
  return (
    <a href={href} target="_blank" rel="noreferrer">
      {children}
      <span className="visually-hidden"> (opens {what} in a new tab)</span>
    </a>
  );
}

/** Everything about the rule behind an alert: the DRL attribution and the ATT&CK mapping. */
export function RuleFacts({ rule }: { rule: SigmaRuleRef }) {
  const tags = rule.tags.map((tag) => ({ tag, link: attackLink(tag) }));
  return (
    <dl className="facts">
      <Fact term="Rule">{rule.title}</Fact>
      <Fact term="Author">
        <RuleAuthor rule={rule} />
      </Fact>
      <Fact term="Rule id" mono>
        {rule.id}
      </Fact>
      <Fact term="Level">
        <LevelBadge level={rule.level} />
      </Fact>
      <Fact term="ATT&CK and tags">
        {tags.length === 0 ? (
          '—'
        ) : (
          <ul className="tags">
            {tags.map(({ tag, link }) => (
              <li key={tag} className="tag">
                {link ? (
                  <ExternalLink href={link.href} what="the MITRE ATT&CK page">
                    {link.label}
                  </ExternalLink>
                ) : (
                  tag
                )}
              </li>
            ))}
          </ul>
        )}
      </Fact>
      <Fact term="Published at">
        {rule.link ? (
          <ExternalLink href={rule.link} what="the rule's page">
            {rule.link}
          </ExternalLink>
        ) : (
          '—'
        )}
      </Fact>
      {rule.path && (
        <Fact term="Rule file" mono>
          {rule.path}
        </Fact>
      )}
    </dl>
  );
}
