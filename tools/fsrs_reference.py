#!/usr/bin/env python3
"""Reference values for proctor's FSRS-5 code, computed independently of it.

Written straight from the FSRS-5 formulas (Free Spaced Repetition Scheduler, version 5, as published
in the open-spaced-repetition project's algorithm description and its reference implementations
fsrs-rs and py-fsrs), with no code shared with engine/fsrs.cc. tests/engine/fsrs_test.cc pins the
C++ results to the numbers this script prints:

    python3 tools/fsrs_reference.py

The formulas (G is the rating: 1 Again, 2 Hard, 3 Good, 4 Easy; t is whole days since the last review):
    R(t, S)     = (1 + F * t / S) ** C                       C = -0.5, F = 19/81 (so R(S, S) = 0.9)
    I(r, S)     = S / F * (r ** (1 / C) - 1)                 the interval that brings R down to r
    S0(G)       = w[G-1]
    D0(G)       = w4 - e ** (w5 * (G - 1)) + 1               clamped to [1, 10]
    D'(D, G)    = w7 * D0(4) + (1 - w7) * (D + dD * (10 - D) / 9),  dD = -w6 * (G - 3); clamped to [1, 10]
    S'r         = S * (e**w8 * (11 - D) * S**-w9 * (e**(w10 * (1 - R)) - 1) * (w15 if G == 2) * (w16 if G == 4) + 1)
    S'f         = min(w11 * D**-w12 * ((S + 1)**w13 - 1) * e**(w14 * (1 - R)),  S / e**(w17 * w18))
    S'same day  = S * e ** (w17 * (G - 3 + w18))               a review less than a day after the last
Stability never goes below 0.01 day. S' (either kind) uses the difficulty before the review.
"""

import math

# FSRS-5's default parameters (w0..w18), as shipped by fsrs-rs and py-fsrs for FSRS-5.
W = [0.40255, 1.18385, 3.173, 15.69105, 7.1949, 0.5345, 1.4604, 0.0046, 1.54575, 0.1192,
     1.01925, 1.9395, 0.11, 0.29605, 2.2698, 0.2315, 2.9898, 0.51655, 0.6621]
DECAY = -0.5
FACTOR = 0.9 ** (1 / DECAY) - 1  # 19/81
S_MIN = 0.01


def clamp_d(d):
    return min(10.0, max(1.0, d))


def retrievability(t, s):
    return (1 + FACTOR * t / s) ** DECAY


def interval(r, s):
    return s / FACTOR * (r ** (1 / DECAY) - 1)


def init_s(g):
    return W[g - 1]


def init_d(g):
    return clamp_d(W[4] - math.exp(W[5] * (g - 1)) + 1)


def next_d(d, g):
    delta = -W[6] * (g - 3)
    damped = d + delta * (10 - d) / 9
    return clamp_d(W[7] * init_d(4) + (1 - W[7]) * damped)


def recall_s(d, s, r, g):
    hard = W[15] if g == 2 else 1.0
    easy = W[16] if g == 4 else 1.0
    return s * (math.exp(W[8]) * (11 - d) * s ** (-W[9]) * (math.exp(W[10] * (1 - r)) - 1) * hard * easy + 1)


def forget_s(d, s, r):
    long_term = W[11] * d ** (-W[12]) * ((s + 1) ** W[13] - 1) * math.exp(W[14] * (1 - r))
    return min(long_term, s / math.exp(W[17] * W[18]))


def same_day_s(s, g):
    return s * math.exp(W[17] * (g - 3 + W[18]))


def review(state, g, days):
    """state: None (never reviewed) or (S, D); days: whole days since the last review."""
    if state is None:
        return max(S_MIN, init_s(g)), init_d(g)
    s, d = state
    if days < 1:
        new_s = same_day_s(s, g)
    else:
        r = retrievability(days, s)
        new_s = forget_s(d, s, r) if g == 1 else recall_s(d, s, r, g)
    return max(S_MIN, new_s), next_d(d, g)


def show(name, value):
    print(f"{name:<44} {value:.10f}")


def main():
    show("FACTOR", FACTOR)
    for g in range(1, 5):
        show(f"S0({g})", init_s(g))
        show(f"D0({g})", init_d(g))
    show("R(t=10, S=5)", retrievability(10, 5))
    show("R(t=3, S=3)", retrievability(3, 3))
    show("I(0.9, S=7.5)", interval(0.9, 7.5))
    show("I(0.8, S=7.5)", interval(0.8, 7.5))
    show("I(0.95, S=7.5)", interval(0.95, 7.5))
    for g in range(1, 5):
        show(f"D'(D=5, G={g})", next_d(5.0, g))
    r = retrievability(10, 5)
    for g in range(2, 5):
        show(f"S'r(D=5, S=5, R(10,5), G={g})", recall_s(5.0, 5.0, r, g))
    show("S'f(D=5, S=5, R(10,5))", forget_s(5.0, 5.0, r))
    show("S'f(D=8, S=40, R(60,40))", forget_s(8.0, 40.0, retrievability(60, 40)))
    for g in range(1, 5):
        show(f"S'same day(S=3.173, G={g})", same_day_s(3.173, g))

    # Sequences of reviews from a new card: (rating, whole days since the previous review).
    sequences = {
        "Good 0, Good 3, Good 8, Again 20, Good 0, Good 2": [(3, 0), (3, 3), (3, 8), (1, 20), (3, 0), (3, 2)],
        "Again 0, Again 0, Good 0, Hard 1, Easy 4": [(1, 0), (1, 0), (3, 0), (2, 1), (4, 4)],
        "Easy 0, Good 16, Good 60, Again 200": [(4, 0), (3, 16), (3, 60), (1, 200)],
    }
    for name, steps in sequences.items():
        state = None
        for i, (g, days) in enumerate(steps):
            state = review(state, g, days)
            show(f"[{name}] step {i + 1} S", state[0])
            show(f"[{name}] step {i + 1} D", state[1])


if __name__ == "__main__":
    main()
