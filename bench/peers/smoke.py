"""Smoke test of the benchmark peer implementations on a tiny hand-made dataset.

    .venv-bench/bin/python bench/peers/smoke.py          # ChannelAttribution, mta, mam (DP6 2.x)
    .venv-bench-mam1/bin/python bench/peers/smoke.py     # legacy DP6 MAM 1.x only (optional venv)

Peers that are not importable in the running venv are skipped; any peer that raises
makes the script exit 1. Prints one per-channel table (conversions) and one (value).
"""

import contextlib
import io
import sys
import traceback

import pandas as pd

# Path-level data (the ChannelAttribution / eeghor-mta layout). 13 conversions, value 1260.
# "email > email > search" has a repeated touch; "display" never converts.
PATHS = pd.DataFrame(
    {
        "path": [
            "email > search",
            "search",
            "social > email > search",
            "social",
            "display > social",
            "email > email > search",
            "display",
        ],
        "total_conversions": [3, 2, 4, 1, 1, 2, 0],
        "total_conversion_value": [300.0, 150.0, 500.0, 50.0, 80.0, 180.0, 0.0],
        "total_null": [7, 8, 6, 9, 5, 2, 10],
    }
)
TOTAL_CONV = int(PATHS.total_conversions.sum())
TOTAL_VALUE = float(PATHS.total_conversion_value.sum())

conv_cols: dict[str, dict[str, float]] = {}  # model -> {channel: conversions}
value_cols: dict[str, dict[str, float]] = {}  # model -> {channel: value}


@contextlib.contextmanager
def quiet():
    """Swallow stdout chatter (CA banner, mta's 'running X.. elapsed time')."""
    with contextlib.redirect_stdout(io.StringIO()):
        yield


def grouped_journeys(df: pd.DataFrame) -> pd.DataFrame:
    """Path-level rows -> DP6 'grouped_journey' rows: one converting and one
    non-converting row per path, with a boolean flag and an occurrence count.
    Zero-occurrence rows must be dropped (mam divides value by occurrences -> NaN)."""
    conv = pd.DataFrame(
        {"path": df.path, "has_conv": True, "occurrences": df.total_conversions,
         "value": df.total_conversion_value}
    )
    null = pd.DataFrame(
        {"path": df.path, "has_conv": False, "occurrences": df.total_null, "value": 0.0}
    )
    g = pd.concat([conv, null], ignore_index=True)
    return g[g.occurrences > 0].reset_index(drop=True)


def one_row_per_journey(df: pd.DataFrame) -> pd.DataFrame:
    """Path-level rows -> one row per journey (DP6 MAM 1.x has no weight column)."""
    rows = []
    for r in df.itertuples():
        per_conv = r.total_conversion_value / r.total_conversions if r.total_conversions else 0.0
        rows += [(r.path, True, per_conv)] * int(r.total_conversions)
        rows += [(r.path, False, 0.0)] * int(r.total_null)
    return pd.DataFrame(rows, columns=["path", "has_conv", "value"])


# --------------------------------------------------------------------------- peers
def run_channelattribution():
    with quiet():  # import prints a "ChannelAttribution Pro" banner + version
        import ChannelAttribution as ca
    # sep must be ONE character; blanks around channel names are trimmed by the C++ parser.
    h = ca.heuristic_models(PATHS, "path", "total_conversions",
                            var_value="total_conversion_value", sep=">", flg_pro=False)
    h = h.set_index("channel_name")
    for m in ("first_touch", "last_touch", "linear_touch"):
        conv_cols[f"CA {m}"] = h[f"{m}_conversions"].to_dict()
        value_cols[f"CA {m}"] = h[f"{m}_value"].to_dict()
    # Monte-Carlo removal-effect Markov; seed fixed -> deterministic for the same seed.
    mk = ca.markov_model(PATHS, "path", "total_conversions",
                         var_value="total_conversion_value", var_null="total_null",
                         order=1, sep=">", seed=0, nsim_start=1e5, max_step=None,
                         ncore=1, out_more=True, verbose=False, flg_pro=False)
    res = mk["result"].set_index("channel_name")
    conv_cols["CA markov o1"] = res["total_conversions"].to_dict()
    value_cols["CA markov o1"] = res["total_conversion_value"].to_dict()
    re = mk["removal_effects"].set_index("channel_name")["removal_effects_conversion"]
    print("  CA markov removal effects:", {k: round(v, 4) for k, v in re.items()})
    with quiet():  # prints "Suggested order: N"
        auc, _roc, best = ca.choose_order(PATHS, "path", "total_conversions", "total_null",
                                          max_order=3, sep=">", plot=False, flg_pro=False)
    print(f"  CA choose_order best order = {best}; pauc by order = "
          f"{dict(zip(auc.order.astype(int), auc.pauc.round(4)))}")


def run_mta():
    from mta import MTA

    # DataFrame (or CSV path) with columns path,total_conversions,total_null[,...];
    # path separator config sep=" > " (split on '>' then strip). Value column is ignored.
    with quiet():
        m = MTA(data=PATHS, allow_loops=False, add_timepoints=False)
        m.shapley(normalize=False).linear(share="same", normalize=False)
        m.markov(sim=False, normalize=True)
    conv_cols["mta shapley"] = dict(m.attribution["shapley"])
    conv_cols["mta linear(same)"] = dict(m.attribution["linear"])
    # mta.markov returns normalized shares; scale to conversions to compare.
    conv_cols["mta markov(share*N)"] = {k: v * TOTAL_CONV for k, v in m.attribution["markov"].items()}


def run_mam():
    from mam import MAM

    g = grouped_journeys(PATHS)
    kw = dict(format_type="grouped_journey", channels_colname="path",
              journey_with_conv_colname="has_conv", occurrences_colname="occurrences",
              path_separator=" > ")
    m_conv = MAM(g, **kw)                                    # value = 1 per conversion
    m_val = MAM(g, conversion_value_colname="value", **kw)   # value = revenue
    for label, m, out in (("conv", m_conv, conv_cols), ("value", m_val, value_cols)):
        r = m.run_shapley(max_size=4, value_column="conv_rate")  # -> AttributionResult
        d = r.to_dict()  # {'channels': [...], 'attribution': [...]}
        out["mam shapley"] = dict(zip(d["channels"], d["attribution"]))
        d = m.run_markov(transition_to_same_state=False).to_dict()
        out["mam markov"] = dict(zip(d["channels"], d["attribution"]))
        d = m.run_linear().to_dict()
        out["mam linear"] = dict(zip(d["channels"], d["attribution"]))


def run_mam_legacy():
    import matplotlib.style as mpl_style

    # 1.0.10 calls plt.style.use("seaborn-white") at import; renamed in matplotlib 3.6.
    mpl_style.library.setdefault("seaborn-white", mpl_style.library["seaborn-v0_8-white"])
    if int(pd.__version__.split(".")[0]) >= 2:
        raise RuntimeError(f"pandas {pd.__version__}: MAM 1.x Shapley is silently wrong "
                           "under pandas>=2 copy-on-write; use pandas<2")
    import warnings

    from marketing_attribution_models import MAM

    j = one_row_per_journey(PATHS)
    for value, out in ((1, conv_cols), ("value", value_cols)):
        m = MAM(j, group_channels=False, channels_colname="path",
                journey_with_conv_colname="has_conv", conversion_value=value,
                path_separator=" > ")
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            _conv_table, per_channel = m.attribution_shapley(size=4, order=False,
                                                             values_col="conv_rate")
        out["MAM1 shapley"] = per_channel.to_dict()  # pd.Series indexed by channel


PEERS = [
    ("ChannelAttribution", "ChannelAttribution", run_channelattribution),
    ("mta", "mta", run_mta),
    ("marketing-attribution-models 2.x", "mam", run_mam),
    ("marketing-attribution-models 1.x", "marketing_attribution_models", run_mam_legacy),
]


def main() -> int:
    import importlib.util

    ran, failed = [], []
    for name, module, fn in PEERS:
        if importlib.util.find_spec(module) is None:
            print(f"[skip] {name}: module {module!r} not installed in this venv")
            continue
        print(f"[run ] {name}")
        try:
            fn()
            ran.append(name)
        except Exception:
            traceback.print_exc()
            failed.append(name)

    for title, cols, total in (("conversions", conv_cols, TOTAL_CONV),
                               ("conversion value", value_cols, TOTAL_VALUE)):
        if not cols:
            continue
        t = pd.DataFrame(cols).fillna(0.0).sort_index()
        t.loc["(sum)"] = t.sum()
        print(f"\nPer-channel attribution ({title}; data total = {total:g})")
        with pd.option_context("display.width", 200, "display.max_columns", 50):
            print(t.round(3).to_string())

    print(f"\nsmoke: {len(ran)} passed, {len(failed)} failed")
    return 1 if failed or not ran else 0


if __name__ == "__main__":
    sys.exit(main())
