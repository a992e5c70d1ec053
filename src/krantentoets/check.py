"""``check(post, policy) -> Report``: the pure core of krantentoets.

No I/O, no global state that changes, no network: the same post and policy give
the same report. The CLI, web app, inbox and archive all call this function.
"""

from __future__ import annotations

from krantentoets.policy import Policy, default_policy
from krantentoets.post import Post
from krantentoets.report import Finding, Report, Span, Verdict
from krantentoets.rules.base import CheckContext, Hit, Rule


def _finding(rule: Rule, hit: Hit, post: Post, policy: Policy) -> Finding:
    meta = rule.meta
    lang = policy.language
    span = None if hit.start is None or hit.end is None else Span.of(post.text, hit.start, hit.end)
    cited, quotes = policy.citation(meta.category)
    return Finding(
        rule=meta.id,
        name=meta.name,
        category=meta.category,
        severity=policy.severity(rule, hit),
        span=span,
        message=hit.message.get(lang),
        guidelines=cited,
        suggestion=hit.suggestion.get(lang),
        trace=hit.trace,
        quotes=quotes,
    )


def _order(f: Finding) -> tuple[int, int, int, str]:
    # What stops the post first (block, then warn, then info); within a severity,
    # whole-post findings first, then in text order.
    start = -1 if f.span is None else f.span.start
    return (-f.severity.rank, start, 0 if f.span is None else f.span.end, f.rule)


def check(post: Post, policy: Policy | None = None) -> Report:
    """Check ``post`` against ``policy`` (the built-in employee profile if omitted)."""
    policy = policy or default_policy()
    if post.platform is None and policy.settings.default_platform is not None:
        from dataclasses import replace

        post = replace(post, platform=policy.settings.default_platform)
    ctx = CheckContext(policy)
    findings = [
        _finding(rule, hit, post, policy)
        for rule in policy.active_rules
        for hit in rule.check(post, ctx)
    ]
    platform = post.platform.value if post.platform else None
    if not findings:  # most posts: nothing to order, weigh or cite
        return Report(
            text=post.text,
            findings=(),
            verdict=Verdict.POST,
            profile=policy.profile.id,
            language=policy.language,
            post_id=post.id,
            platform=platform,
            guideline_texts={},
        )
    findings.sort(key=_order)
    cited = {gid for f in findings for gid in f.guidelines}
    return Report(
        text=post.text,
        findings=tuple(findings),
        verdict=Verdict.from_severities([f.severity for f in findings]),
        profile=policy.profile.id,
        language=policy.language,
        post_id=post.id,
        platform=platform,
        guideline_texts={gid: policy.guideline_text(gid) for gid in sorted(cited)},
    )
