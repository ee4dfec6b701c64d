// ONNX's protobuf model from a GraphWriter's nodes (onnx_writer.h).
// Reference: onnx/onnx.proto (ModelProto, GraphProto, NodeProto,
// TensorProto, ValueInfoProto) and the operator docs of opset 17.

#include "aia/io/onnx_writer.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"

#include <torch/torch.h>

#include <onnx/checker.h>
#include <onnx/onnx_pb.h>

#include <set>

namespace aia {
namespace {

constexpr std::int64_t kOpset = 17;
constexpr std::int64_t kIrVersion = 8;

class ProtoGraph : public GraphWriter {
 public:
  explicit ProtoGraph(onnx::GraphProto& graph) : graph_(graph) {}

  std::string constant(const std::string& name, const torch::Tensor& value) override {
    const std::string unique = claim(name);
    auto* t = graph_.add_initializer();
    t->set_name(unique);
    for (auto d : value.sizes()) t->add_dims(d);
    const torch::Tensor v = value.detach().cpu().contiguous();
    if (v.scalar_type() == torch::kLong) {
      t->set_data_type(onnx::TensorProto::INT64);
      t->set_raw_data(v.data_ptr(), static_cast<std::size_t>(v.numel()) * sizeof(std::int64_t));
    } else {
      const torch::Tensor f = v.to(torch::kFloat).contiguous();
      t->set_data_type(onnx::TensorProto::FLOAT);
      t->set_raw_data(f.data_ptr(), static_cast<std::size_t>(f.numel()) * sizeof(float));
    }
    return unique;
  }

  std::string node(const std::string& op, const std::vector<std::string>& inputs, const std::string& output,
                   const std::vector<Attribute>& attributes) override {
    auto* n = graph_.add_node();
    n->set_op_type(op);
    n->set_name(claim(output + "/" + op));
    for (const auto& in : inputs) n->add_input(in);
    const std::string out = claim(output);
    n->add_output(out);
    for (const auto& a : attributes) set_attribute(*n->add_attribute(), a);
    return out;
  }

 private:
  static void set_attribute(onnx::AttributeProto& p, const Attribute& a) {
    p.set_name(a.name);
    if (const auto* i = std::get_if<std::int64_t>(&a.value)) {
      p.set_type(onnx::AttributeProto::INT);
      p.set_i(*i);
    } else if (const auto* f = std::get_if<float>(&a.value)) {
      p.set_type(onnx::AttributeProto::FLOAT);
      p.set_f(*f);
    } else if (const auto* ints = std::get_if<std::vector<std::int64_t>>(&a.value)) {
      p.set_type(onnx::AttributeProto::INTS);
      for (auto v : *ints) p.add_ints(v);
    } else {
      p.set_type(onnx::AttributeProto::STRING);
      p.set_s(std::get<std::string>(a.value));
    }
  }
  // Every name in a graph is unique: a repeated one gets "_2", "_3", ...
  std::string claim(const std::string& name) {
    std::string unique = name;
    for (int k = 2; !names_.insert(unique).second; ++k) unique = name + "_" + std::to_string(k);
    return unique;
  }

  onnx::GraphProto& graph_;
  std::set<std::string> names_;
};

void declare(onnx::ValueInfoProto& v, const std::string& name, std::vector<std::string> symbolic,
             std::vector<std::int64_t> dims) {
  v.set_name(name);
  auto* type = v.mutable_type()->mutable_tensor_type();
  type->set_elem_type(onnx::TensorProto::FLOAT);
  for (const auto& s : symbolic) type->mutable_shape()->add_dim()->set_dim_param(s);
  for (auto d : dims) type->mutable_shape()->add_dim()->set_dim_value(d);
}

}  // namespace

void write_onnx(ClassifierImpl& model, const std::string& path, const OnnxExport& options) {
  torch::NoGradGuard no_grad;
  model.eval();
  model.to(torch::kCPU, torch::kFloat);
  onnx::ModelProto proto;
  proto.set_ir_version(kIrVersion);
  proto.set_producer_name("AIA Studio");
  proto.set_producer_version(options.producer_version);
  proto.set_model_version(1);
  auto* opset = proto.add_opset_import();
  opset->set_domain("");
  opset->set_version(kOpset);
  for (const auto& [key, json] : options.metadata) {
    auto* m = proto.add_metadata_props();
    m->set_key(key);
    m->set_value(json);
  }
  auto* graph = proto.mutable_graph();
  graph->set_name("aia_studio_tagger");
  ProtoGraph proto_graph(*graph);
  GraphWriter& g = proto_graph;  // the defaults of node() are the interface's
  const std::string logits = model.write_graph(g, "images");
  const std::string scores = g.node("Sigmoid", {logits}, "scores");
  declare(*graph->add_input(), "images", {"batch"}, {3, options.image_size, options.image_size});
  declare(*graph->add_output(), logits, {"batch"}, {model.num_classes()});
  declare(*graph->add_output(), scores, {"batch"}, {model.num_classes()});
  try {
    onnx::checker::check_model(proto);
  } catch (const std::exception& e) {
    throw Error(path + ": the ONNX checker refused the graph: " + e.what());
  }
  std::string bytes;
  if (!proto.SerializeToString(&bytes)) throw Error(path + ": the ONNX model could not be serialised");
  write_file_atomically(path, bytes);
}

}  // namespace aia
