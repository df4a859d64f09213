#!/usr/bin/env python3
"""Writes the Brunel (2000) network of snn-core's built-in `brunel` at another size, as a neuroracle-network/1 file.

Weak scaling keeps the work per neuron fixed: the in-degrees stay C_E = 800, C_I = 200 at every size (the built-in
network's parameters otherwise), so synapses and synaptic events grow linearly with the neuron count.
Usage: brunel-network.py NEURONS > brunel-NEURONS.json   (NEURONS >= 1250, split 80 % exc / 20 % inh)
"""
import json
import sys

n = int(sys.argv[1])
if n < 1250:
    sys.exit("brunel-network.py: NEURONS must be >= 1250 (the 20 % inhibitory part must hold 200 inputs)")
n_exc, n_inh = n * 4 // 5, n - n * 4 // 5
j, g, eta = 0.1, 5.0, 2.0
nu_thr_hz = 20.0 / (j * 800 * 20e-3)
lif = {"type": "lif", "tau_membrane_ms": 20, "v_rest_mv": 0, "v_reset_mv": 10, "v_threshold_mv": 20,
       "refractory_ms": 2, "bias_mv": 0, "integration": "exact", "synapses": [{"kind": "delta"}]}
pops = [{"name": p, "size": s, "model": lif, "initial": {"v": {"uniform": [0, 20]}}} for p, s in (("exc", n_exc), ("inh", n_inh))]
proj = []
for pre, fan_in, w in (("exc", 800, j), ("inh", 200, -g * j)):
    for post in ("exc", "inh"):
        proj.append({"name": f"{pre}_all_{post[0]}", "pre": pre, "post": post, "channel": 0,
                     "connector": {"type": "fixed-fan-in", "fan_in": fan_in, "allow_self": False},
                     "weight": w, "delay_steps": 15})
net = {"format": "neuroracle-network/1", "name": f"brunel-{n}", "dt_ms": 0.1, "seed": 1, "populations": pops,
       "projections": proj,
       "background": [{"population": p, "channel": 0, "rate_hz": 800 * eta * nu_thr_hz, "weight": j} for p in ("exc", "inh")]}
json.dump(net, sys.stdout, indent=1)
print()
