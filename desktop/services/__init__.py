"""Use cases: each call is one transaction that checks the operator's role and writes an audit event."""
