package org.neuroracle.nir;

import org.neuroracle.snn.model.NeuronModel;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The flattened NIR graph a model was imported from, kept so that {@link NirExporter} can write convolutions,
 * pools and other structured nodes back as themselves instead of dense matrices. It applies only while the network
 * is the one the import produced: the same population models and the very same weight arrays (projections share
 * their arrays, so identity is an exact and cheap test).
 */
public final class NirSource {
    final FlatGraph graph;
    final ShapeInference.Shapes shapes;
    /** Layer node name to its (single) population name. */
    final Map<String, String> populationOf;
    final Set<Object> weightArrays;
    final List<NeuronModel> models;
    final List<String> layerOrder;

    NirSource(FlatGraph graph, ShapeInference.Shapes shapes, Map<String, String> populationOf, Set<Object> weightArrays,
              List<NeuronModel> models, List<String> layerOrder) {
        this.graph = graph;
        this.shapes = shapes;
        this.populationOf = Map.copyOf(populationOf);
        this.weightArrays = weightArrays;
        this.models = List.copyOf(models);
        this.layerOrder = List.copyOf(layerOrder);
    }
}
