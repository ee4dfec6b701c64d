// PyTorch's zip checkpoint format (torch.save since 1.6): a zip archive
// <name>/data.pkl (a pickle) + <name>/data/<key> (raw storages) + version.
// LibTorch's own pickle_load rejects the OrderedDict that state_dict() returns,
// so this file carries a small unpickler that understands exactly what a
// state_dict pickle holds (dicts, OrderedDicts, tuples, lists, numbers,
// strings, tensors rebuilt from storages) and refuses any other global: a
// pickle naming os.system or builtins.eval is an attack, not a checkpoint.

#include "aia/io/torch_pickle.h"

#include "aia/errors.h"
#include "aia/io/atomic_file.h"
#include "io/dtype_names.h"

#include "aia/io/zip_archive.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <algorithm>
#include <cstring>
#include <sstream>
#include <unordered_map>
#include <variant>

namespace aia {
namespace {

// ---------------------------------------------------------------- values

// Values point at each other with plain pointers and are owned by the
// unpickler's arena: a pickle can build cycles (a list appended to itself
// through the memo) and deep nests, which shared ownership would leak or free
// by deep recursion.
struct Value;
using ValuePtr = Value*;

struct Value {
  enum class Kind { None, Bool, Int, Float, String, Tuple, List, Dict, Global, Tensor, Storage };
  Kind kind = Kind::None;
  std::int64_t i = 0;
  double f = 0;
  std::string s;                                       // String; Global: "module.name"
  std::vector<ValuePtr> items;                         // Tuple, List
  std::vector<std::pair<ValuePtr, ValuePtr>> entries;  // Dict (insertion order)
  torch::Tensor tensor;                                // Tensor, Storage (1-D, its dtype)
};

const char* kind_name(Value::Kind k) {
  static const char* names[] = {"None", "bool", "int",    "float",  "str",    "tuple",
                                "list", "dict", "global", "tensor", "storage"};
  return names[static_cast<int>(k)];
}

// ---------------------------------------------------------------- unpickler

class Unpickler {
 public:
  Unpickler(std::string_view data, std::string source, detail::StorageLoader load_storage, std::uint64_t tensor_budget)
      : data_(data), source_(std::move(source)), load_storage_(std::move(load_storage)), budget_(tensor_budget) {}

  ValuePtr run() {
    while (true) {
      if (pos_ >= data_.size()) throw error("pickle ends without STOP");
      const std::size_t at = pos_;
      const auto op = static_cast<unsigned char>(data_[pos_++]);
      if (op == '.') return pop();  // STOP
      if (!framing(op) && !containers(op) && !scalars(op) && !memo(op) && !objects(op, at)) refuse(op, at);
    }
  }

  // PROTO and FRAME: skipped.
  bool framing(unsigned char op) {
    switch (op) {
      case 0x80:
        read(1);
        return true;  // PROTO
      case 0x95:
        read(8);
        return true;  // FRAME
      default:
        return false;
    }
  }

  // Marks, tuples, lists and dicts.
  bool containers(unsigned char op) {
    switch (op) {
      case '(':
        marks_.push_back(stack_.size());
        return true;
      case ')':
        stack_.push_back(make(Value::Kind::Tuple));
        return true;
      case 't':
        stack_.push_back(sequence(Value::Kind::Tuple, pop_mark()));
        return true;
      case 0x85:
      case 0x86:
      case 0x87: {  // TUPLE1..3
        const std::size_t n = op - 0x84u;
        std::vector<ValuePtr> items(n);
        for (std::size_t i = n; i-- > 0;) items[i] = pop();
        stack_.push_back(sequence(Value::Kind::Tuple, std::move(items)));
        return true;
      }
      case ']':
        stack_.push_back(make(Value::Kind::List));
        return true;
      case 'l':
        stack_.push_back(sequence(Value::Kind::List, pop_mark()));
        return true;
      case 'a': {
        auto v = pop();
        expect(top(), Value::Kind::List, "APPEND")->items.push_back(v);
        return true;
      }
      case 'e': {
        auto items = pop_mark();
        auto list = expect(top(), Value::Kind::List, "APPENDS");
        list->items.insert(list->items.end(), items.begin(), items.end());
        return true;
      }
      case '}':
        stack_.push_back(make(Value::Kind::Dict));
        return true;
      case 'd': {
        auto items = pop_mark();
        auto dict = make(Value::Kind::Dict);
        set_items(dict, items);
        stack_.push_back(dict);
        return true;
      }
      case 's': {
        auto v = pop();
        auto k = pop();
        expect(top(), Value::Kind::Dict, "SETITEM")->entries.emplace_back(k, v);
        return true;
      }
      case 'u': {
        auto items = pop_mark();
        set_items(expect(top(), Value::Kind::Dict, "SETITEMS"), items);
        return true;
      }
      default:
        return false;
    }
  }

  // None, bools, integers, floats and strings.
  bool scalars(unsigned char op) {
    switch (op) {
      case 'N':
        stack_.push_back(make(Value::Kind::None));
        return true;
      case 0x88:
      case 0x89: {
        auto v = make(Value::Kind::Bool);
        v->i = op == 0x88;
        stack_.push_back(v);
        return true;
      }
      case 'J':
        push_int(static_cast<std::int32_t>(le(read(4))));
        return true;
      case 'K':
        push_int(static_cast<unsigned char>(read(1)[0]));
        return true;
      case 'M':
        push_int(static_cast<std::int64_t>(le(read(2))));
        return true;
      case 0x8a: {  // LONG1
        const auto n = static_cast<unsigned char>(read(1)[0]);
        if (n > 8) throw error("integer wider than 64 bits");
        auto bytes = read(n);
        std::uint64_t u = le(bytes);
        if (n && n < 8 && (static_cast<unsigned char>(bytes[n - 1]) & 0x80)) u |= ~0ULL << (8 * n);
        push_int(static_cast<std::int64_t>(u));
        return true;
      }
      case 'G': {  // BINFLOAT, big-endian
        auto b = read(8);
        std::uint64_t u = 0;
        for (char c : b) u = (u << 8) | static_cast<unsigned char>(c);
        auto v = make(Value::Kind::Float);
        std::memcpy(&v->f, &u, 8);
        stack_.push_back(v);
        return true;
      }
      case 'X':
        push_string(read(le(read(4))));
        return true;
      case 0x8c:
        push_string(read(static_cast<unsigned char>(read(1)[0])));
        return true;
      case 0x8d:
        push_string(read(le(read(8))));
        return true;
      case 'T':
        push_string(read(le(read(4))));
        return true;
      case 'U':
        push_string(read(static_cast<unsigned char>(read(1)[0])));
        return true;
      default:
        return false;
    }
  }

  // The memo and the stack's own operations.
  bool memo(unsigned char op) {
    switch (op) {
      case 'q':
        memo_[static_cast<unsigned char>(read(1)[0])] = top();
        return true;
      case 'r':
        memo_[le(read(4))] = top();
        return true;
      case 0x94:
        memo_[memo_.size()] = top();
        return true;  // MEMOIZE
      case 'h':
        stack_.push_back(memo_get(static_cast<unsigned char>(read(1)[0])));
        return true;
      case 'j':
        stack_.push_back(memo_get(le(read(4))));
        return true;
      case '0':
        pop();
        return true;
      case '1':
        pop_mark();
        return true;
      case '2':
        stack_.push_back(top());
        return true;
      default:
        return false;
    }
  }

  // Globals, calls (only the allowed ones), persistent ids and BUILD.
  bool objects(unsigned char op, std::size_t at) {
    switch (op) {
      case 'c': {  // GLOBAL "module\nname\n"
        auto module = read_line();
        auto name = read_line();
        push_global(module + "." + name, at);
        return true;
      }
      case 0x93: {  // STACK_GLOBAL
        auto name = pop();
        auto module = pop();
        if (name->kind != Value::Kind::String || module->kind != Value::Kind::String)
          throw error("STACK_GLOBAL needs two strings");
        push_global(module->s + "." + name->s, at);
        return true;
      }
      case 'R':
      case 0x81: {  // REDUCE, NEWOBJ
        auto args = pop();
        auto callable = pop();
        stack_.push_back(call(callable, args));
        return true;
      }
      case 'Q':
        stack_.push_back(persistent(pop()));
        return true;
      case 'b': {  // BUILD: state of an OrderedDict (its _metadata) is ignored
        pop();
        if (top()->kind != Value::Kind::Dict && top()->kind != Value::Kind::Tensor)
          throw error("BUILD on a " + std::string(kind_name(top()->kind)));
        return true;
      }
      default:
        return false;
    }
  }

  [[noreturn]] void refuse(unsigned char op, std::size_t at) const {
    std::ostringstream o;
    o << "pickle opcode 0x" << std::hex << static_cast<int>(op) << " at byte " << std::dec << at
      << " is not used by state_dict files; refusing to load";
    throw CheckpointError(source_ + ": " + o.str());
  }

 private:
  CheckpointError error(const std::string& what) const {
    return CheckpointError(source_ + ": malformed pickle at byte " + std::to_string(pos_) + ": " + what);
  }
  std::string_view read(std::size_t n) {
    if (n > data_.size() - pos_) throw error("truncated");
    auto out = data_.substr(pos_, n);
    pos_ += n;
    return out;
  }
  static std::uint64_t le(std::string_view b) {
    std::uint64_t u = 0;
    for (std::size_t i = b.size(); i-- > 0;) u = (u << 8) | static_cast<unsigned char>(b[i]);
    return u;
  }
  std::string read_line() {
    auto end = data_.find('\n', pos_);
    if (end == std::string_view::npos) throw error("unterminated GLOBAL");
    std::string line(data_.substr(pos_, end - pos_));
    pos_ = end + 1;
    return line;
  }
  ValuePtr pop() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) throw error("stack underflow");
    auto v = stack_.back();
    stack_.pop_back();
    return v;
  }
  ValuePtr top() {
    if (stack_.empty() || (!marks_.empty() && stack_.size() <= marks_.back())) throw error("stack underflow");
    return stack_.back();
  }
  std::vector<ValuePtr> pop_mark() {
    if (marks_.empty()) throw error("no MARK");
    const std::size_t m = marks_.back();
    marks_.pop_back();
    std::vector<ValuePtr> items(stack_.begin() + static_cast<std::ptrdiff_t>(m), stack_.end());
    stack_.resize(m);
    return items;
  }
  ValuePtr expect(ValuePtr v, Value::Kind kind, const char* op) const {
    if (v->kind != kind) throw error(std::string(op) + " on a " + kind_name(v->kind));
    return v;
  }
  ValuePtr memo_get(std::uint64_t key) {
    auto it = memo_.find(key);
    if (it == memo_.end()) throw error("memo key " + std::to_string(key) + " unset");
    return it->second;
  }
  ValuePtr make(Value::Kind kind) {
    arena_.push_back(std::make_unique<Value>());
    arena_.back()->kind = kind;
    return arena_.back().get();
  }
  ValuePtr sequence(Value::Kind kind, std::vector<ValuePtr> items) {
    auto v = make(kind);
    v->items = std::move(items);
    return v;
  }
  void set_items(const ValuePtr& dict, const std::vector<ValuePtr>& items) {
    if (items.size() % 2) throw error("odd number of items for a dict");
    for (std::size_t i = 0; i < items.size(); i += 2) dict->entries.emplace_back(items[i], items[i + 1]);
  }
  void push_int(std::int64_t i) {
    auto v = make(Value::Kind::Int);
    v->i = i;
    stack_.push_back(v);
  }
  void push_string(std::string_view s) {
    auto v = make(Value::Kind::String);
    v->s = std::string(s);
    stack_.push_back(v);
  }

  static bool allowed_global(const std::string& name) {
    static const char* allowed[] = {
        "collections.OrderedDict",
        "torch._utils._rebuild_tensor_v2",
        "torch._utils._rebuild_tensor",
        "torch._utils._rebuild_parameter",
        "torch._utils._rebuild_parameter_with_state",
    };
    for (const char* a : allowed)
      if (name == a) return true;
    return name.rfind("torch.", 0) == 0 && detail::dtype_from_storage(name.substr(6)).has_value();
  }
  void push_global(const std::string& name, std::size_t at) {
    if (!allowed_global(name))
      throw CheckpointError(source_ + ": refusing to load: the pickle references '" + name + "' (byte " +
                            std::to_string(at) +
                            "), which a state_dict never contains; loading it in Python could run code");
    auto v = make(Value::Kind::Global);
    v->s = name;
    stack_.push_back(v);
  }

  std::vector<std::int64_t> ints(const ValuePtr& v, const char* what) {
    if (v->kind != Value::Kind::Tuple && v->kind != Value::Kind::List)
      throw error(std::string(what) + " is not a tuple");
    std::vector<std::int64_t> out;
    for (auto& item : v->items) {
      if (item->kind != Value::Kind::Int) throw error(std::string(what) + " holds a non-integer");
      out.push_back(item->i);
    }
    return out;
  }

  ValuePtr call(const ValuePtr& callable, const ValuePtr& args) {
    if (callable->kind != Value::Kind::Global) throw error("REDUCE on a " + std::string(kind_name(callable->kind)));
    if (args->kind != Value::Kind::Tuple) throw error("REDUCE arguments are not a tuple");
    const auto& name = callable->s;
    const auto& a = args->items;
    if (name == "collections.OrderedDict") {
      auto dict = make(Value::Kind::Dict);
      if (!a.empty() && a[0]->kind == Value::Kind::List)
        for (auto& pair : a[0]->items)
          if (pair->kind == Value::Kind::Tuple && pair->items.size() == 2)
            dict->entries.emplace_back(pair->items[0], pair->items[1]);
      return dict;
    }
    if (name == "torch._utils._rebuild_tensor_v2" || name == "torch._utils._rebuild_tensor") {
      if (a.size() < 4 || a[0]->kind != Value::Kind::Storage || a[1]->kind != Value::Kind::Int)
        throw error(name + " with unexpected arguments");
      const auto size = ints(a[2], "tensor size");
      const auto stride = ints(a[3], "tensor stride");
      if (size.size() != stride.size()) throw error("tensor size and stride differ in length");
      const torch::Tensor& storage = a[0]->tensor;
      const std::int64_t offset = a[1]->i;
      // The view's element count and the highest flat index it touches, both
      // checked against the storage before any arithmetic could overflow:
      // no view may hold more elements than its storage.
      const std::int64_t available = storage.numel();
      if (offset < 0 || offset > available) throw error("tensor offset outside its storage");
      for (std::size_t d = 0; d < size.size(); ++d)
        if (size[d] < 0 || stride[d] < 0) throw error("negative tensor size or stride");
      const bool empty = std::find(size.begin(), size.end(), 0) != size.end();
      std::int64_t numel = empty ? 0 : 1, last = offset;
      for (std::size_t d = 0; d < size.size() && !empty; ++d) {
        if (numel > available / size[d]) throw error("tensor of more elements than its storage holds");
        numel *= size[d];
        if (size[d] > 1 && stride[d] > (available - last) / (size[d] - 1))
          throw error("tensor view exceeds its storage");
        last += (size[d] - 1) * stride[d];
      }
      if (numel && last >= available) throw error("tensor view exceeds its storage");
      const auto bytes = static_cast<std::uint64_t>(numel) * storage.element_size();
      if (bytes > budget_) throw error("the tensors rebuilt exceed the file's size many times over");
      budget_ -= bytes;
      auto v = make(Value::Kind::Tensor);
      v->tensor = numel ? storage.as_strided(size, stride, offset).clone() : torch::empty(size, storage.options());
      return v;
    }
    if (name == "torch._utils._rebuild_parameter" || name == "torch._utils._rebuild_parameter_with_state") {
      if (a.empty() || a[0]->kind != Value::Kind::Tensor) throw error(name + " without a tensor");
      return a[0];
    }
    throw error("call of '" + name + "' is not supported");
  }

  ValuePtr persistent(const ValuePtr& pid) {
    // ('storage', torch.XStorage, key, location, numel)
    if (pid->kind != Value::Kind::Tuple || pid->items.size() < 5 || pid->items[0]->s != "storage" ||
        pid->items[1]->kind != Value::Kind::Global || pid->items[2]->kind != Value::Kind::String ||
        pid->items[4]->kind != Value::Kind::Int)
      throw error("unexpected persistent id (expected a storage reference)");
    const std::string& key = pid->items[2]->s;
    auto cached = storages_.find(key);
    if (cached != storages_.end()) return cached->second;
    const std::string& type = pid->items[1]->s;
    const auto dtype = type.rfind("torch.", 0) == 0 ? detail::dtype_from_storage(type.substr(6)) : std::nullopt;
    if (!dtype) throw error("storage '" + key + "' has type '" + type + "', not a storage type");
    if (pid->items[4]->i < 0) throw error("storage '" + key + "' has a negative element count");
    auto v = make(Value::Kind::Storage);
    v->tensor = load_storage_(key, *dtype, pid->items[4]->i);
    storages_[key] = v;
    return v;
  }

  std::string_view data_;
  std::string source_;
  detail::StorageLoader load_storage_;
  std::uint64_t budget_;
  std::vector<std::unique_ptr<Value>> arena_;
  std::size_t pos_ = 0;
  std::vector<ValuePtr> stack_;
  std::vector<std::size_t> marks_;
  std::unordered_map<std::uint64_t, ValuePtr> memo_;
  std::unordered_map<std::string, ValuePtr> storages_;
};

bool is_tensor_dict(const ValuePtr& v) {
  if (v->kind != Value::Kind::Dict || v->entries.empty()) return false;
  for (auto& [k, val] : v->entries)
    if (k->kind != Value::Kind::String || val->kind != Value::Kind::Tensor) return false;
  return true;
}

// ---------------------------------------------------------------- pickler

class Pickler {
 public:
  void proto() { out_ += "\x80\x02"; }
  void global(const std::string& module, const std::string& name) { out_ += 'c' + module + '\n' + name + '\n'; }
  void mark() { out_ += '('; }
  void tuple() { out_ += 't'; }
  void empty_tuple() { out_ += ')'; }
  void reduce() { out_ += 'R'; }
  void setitems() { out_ += 'u'; }
  void binpersid() { out_ += 'Q'; }
  void stop() { out_ += '.'; }
  void boolean(bool b) { out_ += b ? '\x88' : '\x89'; }
  void string(const std::string& s) {
    out_ += 'X';
    le(s.size(), 4);
    out_ += s;
  }
  void integer(std::int64_t v) {
    if (v >= INT32_MIN && v <= INT32_MAX) {
      out_ += 'J';
      le(static_cast<std::uint32_t>(static_cast<std::int32_t>(v)), 4);
    } else {
      out_ += '\x8a';
      out_ += '\x08';
      le(static_cast<std::uint64_t>(v), 8);
    }
  }
  void empty_ordered_dict() {
    global("collections", "OrderedDict");
    empty_tuple();
    reduce();
  }
  const std::string& bytes() const { return out_; }

 private:
  void le(std::uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_ += static_cast<char>((v >> (8 * i)) & 0xff);
  }
  std::string out_;
};

}  // namespace

namespace detail {

NamedTensors unpickle_state_dict(std::string_view pickle, const std::string& source, const StorageLoader& load_storage,
                                 std::uint64_t tensor_budget) {
  try {
    Unpickler unpickler(pickle, source, load_storage, tensor_budget);
    ValuePtr root = unpickler.run();
    if (!is_tensor_dict(root) && root->kind == Value::Kind::Dict) {
      for (const char* nested : {"state_dict", "model", "model_state_dict", "module"})
        for (auto& [k, v] : root->entries)
          if (k->kind == Value::Kind::String && k->s == nested && is_tensor_dict(v)) {
            root = v;
            goto found;
          }
    }
  found:
    if (!is_tensor_dict(root))
      throw CheckpointError(source + ": the file holds a " + std::string(kind_name(root->kind)) +
                            ", not a state_dict (a dict of name -> tensor, possibly under 'state_dict' or 'model')");
    NamedTensors out;
    for (auto& [k, v] : root->entries) out.emplace_back(k->s, v->tensor);
    return out;
  } catch (const c10::Error& e) {
    throw CheckpointError(source + ": " + std::string(e.what_without_backtrace()));
  }
}

}  // namespace detail

NamedTensors read_pytorch_state_dict(const std::string& path) {
  const StoredZip zip = StoredZip::open(path);
  if (!zip.has("data.pkl")) throw CheckpointError(path + ": zip archive without data.pkl: not a torch.save file");
  if (zip.has("byteorder") && zip.record("byteorder") != "little")
    throw CheckpointError(path + ": big-endian checkpoints are not supported");
  // A storage's element count times its element size must equal its record's
  // size exactly: the count is checked against the bytes before anything is
  // allocated (PyTorch's own loader once trusted it: CVE-2026-24747).
  auto load_storage = [&](const std::string& key, c10::ScalarType dtype, std::int64_t numel) {
    const std::string record = "data/" + key;
    if (!zip.has(record)) throw CheckpointError(path + ": storage record '" + record + "' is missing");
    const std::string_view bytes = zip.record(record);
    const auto element = static_cast<std::uint64_t>(c10::elementSize(dtype));
    if (numel < 0 || bytes.size() % element != 0 || static_cast<std::uint64_t>(numel) != bytes.size() / element)
      throw CheckpointError(path + ": storage '" + key + "' declares " + std::to_string(numel) + " elements of " +
                            std::to_string(element) + " bytes, its record has " + std::to_string(bytes.size()) +
                            " bytes");
    auto t = torch::empty({numel}, torch::TensorOptions().dtype(dtype));
    if (!bytes.empty()) std::memcpy(t.data_ptr(), bytes.data(), bytes.size());
    return t;
  };
  // Tensors are views of storages; tied weights view one twice. More than
  // four times the file is not a checkpoint.
  return detail::unpickle_state_dict(zip.record("data.pkl"), path, load_storage, 4 * std::uint64_t{zip.size()} + 4096);
}

void write_pytorch_state_dict(const std::string& path, const NamedTensors& tensors) {
  Pickler p;
  p.proto();
  p.empty_ordered_dict();
  p.mark();
  std::vector<torch::Tensor> storages;
  for (const auto& [name, tensor] : tensors) {
    auto t = tensor.detach().to(torch::kCPU).contiguous();
    const auto* dtype = detail::dtype_name(t.scalar_type());
    if (!dtype)
      throw CheckpointError(path + ": cannot write tensor '" + name + "' of dtype " + c10::toString(t.scalar_type()));
    p.string(name);
    p.global("torch._utils", "_rebuild_tensor_v2");
    p.mark();
    {
      p.mark();  // persistent id
      p.string("storage");
      p.global("torch", dtype->storage);
      p.string(std::to_string(storages.size()));
      p.string("cpu");
      p.integer(t.numel());
      p.tuple();
      p.binpersid();
    }
    p.integer(0);  // storage offset
    p.mark();
    for (auto d : t.sizes()) p.integer(d);
    p.tuple();
    p.mark();
    for (auto s : t.strides()) p.integer(s);
    p.tuple();
    p.boolean(false);        // requires_grad
    p.empty_ordered_dict();  // backward hooks
    p.tuple();
    p.reduce();
    storages.push_back(t);
  }
  p.setitems();
  p.stop();

  // The zip is built in memory, then written atomically.
  std::string archive;
  {
    caffe2::serialize::PyTorchStreamWriter writer([&](const void* data, size_t size) {
      archive.append(static_cast<const char*>(data), size);
      return size;
    });
    writer.writeRecord("data.pkl", p.bytes().data(), p.bytes().size());
    writer.writeRecord("byteorder", "little", 6);
    for (std::size_t i = 0; i < storages.size(); ++i)
      writer.writeRecord("data/" + std::to_string(i), storages[i].data_ptr(),
                         static_cast<std::size_t>(storages[i].numel()) * storages[i].element_size());
    writer.writeEndOfFile();
  }
  write_file_atomically(path, archive);
}

}  // namespace aia
