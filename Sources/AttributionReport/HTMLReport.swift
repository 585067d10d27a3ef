/// The self-contained HTML report of one run (placeholder until the report lands).
public enum HTMLReport {}
