#!/usr/bin/env python3
"""Runs a network exported by Neuroracle (params.json + Matrix Market files) in Brian2's C++ standalone mode.

Usage: run_brian2.py EXPORT_DIR PROJECT_DIR [THREADS]

Reads EXPORT_DIR/params.json and the .mtx files it names, builds the same model in Brian2, compiles and runs it
in PROJECT_DIR, and writes EXPORT_DIR/brian2_spikes.tsv (population index, neuron, step) and
EXPORT_DIR/brian2_result.json (timings and versions). Semantics mirrored from Neuroracle's step
(deliver, update, emit, propagate): a synapse of D steps delays Brian2's on_pre by (D - 1) * dt, because Brian2
applies on_pre in the same step after the state update while Neuroracle adds it before the next update.
"""
import json
import os
import resource
import sys
import time

import numpy as np


def read_mtx(path):
    """Coordinate Matrix Market reader (1-based rows = pre, cols = post); returns (pre, post, values)."""
    with open(path) as f:
        header = f.readline()
        if not header.startswith('%%MatrixMarket matrix coordinate'):
            raise ValueError(f'{path}: not a coordinate Matrix Market file')
        line = f.readline()
        while line.startswith('%'):
            line = f.readline()
        rows, cols, nnz = (int(x) for x in line.split())
        data = np.loadtxt(f, ndmin=2) if nnz > 0 else np.zeros((0, 3))
    if data.shape[0] != nnz:
        raise ValueError(f'{path}: header says {nnz} entries, found {data.shape[0]}')
    return data[:, 0].astype(np.int64) - 1, data[:, 1].astype(np.int64) - 1, data[:, 2]


def main():
    export_dir, project_dir = sys.argv[1], sys.argv[2]
    threads = int(sys.argv[3]) if len(sys.argv) > 3 else 0
    with open(os.path.join(export_dir, 'params.json')) as f:
        p = json.load(f)

    import brian2
    from brian2 import (NeuronGroup, PoissonGroup, PoissonInput, Synapses, SpikeMonitor, Network, ms, mV, Hz,
                        defaultclock, set_device, device, prefs, seed)
    set_device('cpp_standalone', directory=project_dir, build_on_run=False)
    prefs.devices.cpp_standalone.openmp_threads = threads
    # Brian2's default is an unbounded 'make -j': hundreds of compilers at once on a shared machine.
    prefs.devices.cpp_standalone.extra_make_args_unix = ['-j%d' % max(1, os.cpu_count() or 1)]
    dt_ms = p['dt_ms']
    defaultclock.dt = dt_ms * ms
    seed(p['seed'] & 0x7FFFFFFF)

    net = Network()
    groups, monitors = [], []
    for pop in p['populations']:
        if pop['model'] == 'poisson-source':
            g = PoissonGroup(pop['size'], rates=pop['rate_hz'] * Hz, name='pop%d' % len(groups))
        elif pop['model'] == 'lif':
            ns = {'tau_m': pop['tau_m_ms'] * ms, 'v_rest': pop['v_rest_mv'] * mV, 'v_reset': pop['v_reset_mv'] * mV,
                  'v_th': pop['v_threshold_mv'] * mV, 'bias': pop['bias_mv'] * mV}
            euler = pop['integration'] == 'euler'
            drive, syn_eqs, decays, conductance = [], [], [], False
            for c, s in enumerate(pop['synapses']):
                if s['kind'] == 'delta':
                    continue  # delta inputs jump v directly in on_pre; no state variable
                ns['tau%d' % c] = s['tau_ms'] * ms
                unit = 'volt' if s['kind'] == 'current' else '1'
                if s['kind'] == 'current':
                    drive.append('g%d' % c)
                else:
                    conductance = True
                    ns['E%d' % c] = s['reversal_mv'] * mV
                    drive.append('g%d * (E%d - v)' % (c, c))
                if euler:
                    # Neuroracle's EULER steps v by forward Euler but decays traces exactly after the update.
                    syn_eqs.append('g%d : %s' % (c, unit))
                    decays.append('g%d = g%d * exp(-dt / tau%d)' % (c, c, c))
                else:
                    syn_eqs.append('dg%d/dt = -g%d / tau%d : %s' % (c, c, c, unit))
            eqs = 'dv/dt = ((v_rest - v) + bias%s) / tau_m : volt (unless refractory)\n' % ''.join(' + ' + d for d in drive)
            eqs += '\n'.join(syn_eqs)
            if euler:
                method = 'euler'
            else:
                # Neuroracle's EXACT: exact for current synapses; conductances held over a step (exponential Euler).
                method = 'exponential_euler' if conductance else 'exact'
            g = NeuronGroup(pop['size'], eqs, threshold='v >= v_th', reset='v = v_reset',
                            refractory=pop['refractory_ms'] * ms, method=method, namespace=ns,
                            name='pop%d' % len(groups))
            if decays:
                g.run_regularly('\n'.join(decays), when='groups', order=1)
            init = pop.get('initial', {})
            g.v = np.asarray(init['v']) * mV if 'v' in init else pop['v_rest_mv'] * mV
            for c, s in enumerate(pop['synapses']):
                key = 'g%d' % c
                if key in init and s['kind'] != 'delta':
                    setattr(g, key, np.asarray(init[key]) * (mV if s['kind'] == 'current' else 1))
        else:
            raise SystemExit('run_brian2.py: unsupported model %s' % pop['model'])
        groups.append(g)
        net.add(g)
        if pop.get('record', True):
            m = SpikeMonitor(g, name='spikes%d' % (len(groups) - 1))
            monitors.append((len(groups) - 1, m))
            net.add(m)

    for k, pr in enumerate(p['projections']):
        post = p['populations'][pr['post']]
        kind = post['synapses'][pr['channel']]['kind']
        current = kind != 'conductance'
        pre_i, post_j, weights = read_mtx(os.path.join(export_dir, pr['weights_file']))
        _, _, delay_steps = read_mtx(os.path.join(export_dir, pr['delays_file']))
        # Delta input reaching a refractory neuron is lost in Neuroracle (v is held at reset), so it is here too.
        on_pre = 'v_post += w * int(not_refractory_post)' if kind == 'delta' else 'g%d_post += w' % pr['channel']
        s = Synapses(groups[pr['pre']], groups[pr['post']], 'w : %s' % ('volt' if current else '1'),
                     on_pre=on_pre, name='proj%d' % k)
        s.connect(i=pre_i, j=post_j)
        s.w = weights * (mV if current else 1)
        s.delay = (delay_steps - 1) * dt_ms * ms
        net.add(s)

    for bg in p['background']:
        post = p['populations'][bg['population']]
        kind = post['synapses'][bg['channel']]['kind']
        # Poisson(rate dt) events per step: many inputs at rate/n give Binomial(n, rate dt / n), close to Poisson.
        n = 1000
        if kind == 'delta':
            target, weight = 'v', '%r * mV * int(not_refractory)' % bg['weight']
        else:
            target = 'g%d' % bg['channel']
            weight = ('%r * mV' % bg['weight']) if kind == 'current' else repr(bg['weight'])
        net.add(PoissonInput(groups[bg['population']], target, N=n, rate=bg['rate_hz'] / n * Hz,
                             weight=weight))

    net.run(p['steps'] * dt_ms * ms)
    t0 = time.perf_counter()
    device.build(directory=project_dir, compile=True, run=False, with_output=False)
    build_seconds = time.perf_counter() - t0
    # CPU time of the binary alone (children's rusage), so a loaded machine can be read fairly.
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t1 = time.perf_counter()
    device.run(project_dir, False, [])
    run_binary = time.perf_counter() - t1
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_seconds = (r1.ru_utime - r0.ru_utime) + (r1.ru_stime - r0.ru_stime)
    with open(os.path.join(export_dir, 'brian2_spikes.tsv'), 'w') as f:
        for pop_index, m in monitors:
            steps = np.rint(np.asarray(m.t / ms) / dt_ms).astype(np.int64)
            for i, st in zip(np.asarray(m.i), steps):
                f.write('%d\t%d\t%d\n' % (pop_index, i, st))
    result = {
        'brian2_version': brian2.__version__,
        'threads': threads,
        'device': 'cpp_standalone',
        'simulation_seconds': getattr(device, '_last_run_time', float('nan')),
        'binary_wall_seconds': run_binary,
        'binary_cpu_seconds': cpu_seconds,
        'build_seconds': build_seconds,
        'steps': p['steps'],
    }
    with open(os.path.join(export_dir, 'brian2_result.json'), 'w') as f:
        json.dump(result, f, indent=2)


if __name__ == '__main__':
    main()
