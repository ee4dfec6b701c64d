#pragma once
// Data-parallel training over PyTorch's own distributed engine (c10d): a
// process group of Gloo (CPU tensors) or NCCL (CUDA tensors, where the linked
// LibTorch has it), rendezvous through c10d's TCPStore. Ranks find each other
// the way torchrun launches them: MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK,
// LOCAL_RANK in the environment. Torch-only: no Qt, no OpenCV, no JSON.
// Torch-facing: includes LibTorch headers (the build checks that other headers do not).

#include <torch/types.h>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace aia {

// Where this process sits in a launch. Read from the environment; a process
// without WORLD_SIZE (or with WORLD_SIZE=1) is a single-process run.
struct LaunchInfo {
  int world_size = 1;
  int rank = 0;
  int local_rank = 0;
  std::string master_addr = "127.0.0.1";
  int master_port = 29500;
  std::chrono::seconds timeout{300};  // AIA_DIST_TIMEOUT: a collective that waits longer fails
  // torchrun with static rendezvous already serves the store at MASTER_ADDR:
  // MASTER_PORT (TORCHELASTIC_USE_AGENT_STORE=True); the ranks are its clients
  // under the prefix /worker/attempt_<TORCHELASTIC_RESTART_COUNT>.
  bool agent_store = false;
  int restart_count = 0;
  // The n-th process group this launch forms (an experiment's n-th cell run):
  // rank 0 serves its store at MASTER_PORT + n (the agent store: under a
  // prefix of its own), so that no rank meets a group being torn down.
  int group = 0;
  int store_port() const { return agent_store ? master_port : master_port + group; }
  // WORLD_SIZE=1 with MASTER_PORT (torchrun --nproc_per_node=1): a process
  // group of one rank, formed as a larger one is (its backend, SyncBatchNorm,
  // the all-reduces), rather than a plain single process.
  bool group_of_one = false;
  bool distributed() const { return world_size > 1 || group_of_one; }
};

// Parses the torchrun variables; throws ConfigError naming the variable when
// one is malformed or inconsistent (RANK >= WORLD_SIZE, a port out of range).
LaunchInfo launch_info_from_environment();

// How ranks exchange tensors: Gloo (any tensor; CUDA tensors travel through
// host memory), NCCL (CUDA tensors, where the build has it), or none (one process).
enum class Backend { None, Gloo, Nccl };
std::string to_string(Backend backend);  // "none", "gloo", "nccl"

// What the trainer needs of a process group. Every call is collective: all
// ranks make the same calls in the same order, or the group times out.
class Collective {
 public:
  virtual ~Collective() = default;
  virtual int rank() const = 0;
  virtual int size() const = 0;
  virtual Backend backend() const = 0;
  // Sums each tensor in place across ranks. All are started, then awaited, so
  // the transfers of several buckets overlap. Throws DistributedError when a
  // peer is gone or the timeout passes.
  virtual void all_reduce_sum(std::vector<torch::Tensor>& tensors) = 0;
};

// True when this build can make c10d process groups (AIA_WITH_C10D).
bool collectives_available();
// Gloo always (with c10d); NCCL when the linked LibTorch has it.
std::vector<Backend> collective_backends();

// Joins the group described by `launch` over `backend` (Gloo or NCCL). Rank 0 hosts the TCPStore at
// MASTER_ADDR:MASTER_PORT. Throws DistributedError when the others do not arrive within the timeout.
std::shared_ptr<Collective> make_collective(const LaunchInfo& launch, Backend backend);

// `inner` with a stopwatch: the wall time its collectives took, summed (what
// share of a training step goes to gradient and BatchNorm all-reduces).
class TimedCollective : public Collective {
 public:
  explicit TimedCollective(std::shared_ptr<Collective> inner) : inner_(std::move(inner)) {}
  int rank() const override { return inner_->rank(); }
  int size() const override { return inner_->size(); }
  Backend backend() const override { return inner_->backend(); }
  void all_reduce_sum(std::vector<torch::Tensor>& tensors) override;
  double seconds() const { return seconds_; }

 private:
  std::shared_ptr<Collective> inner_;
  double seconds_ = 0;
};

// The group of one: sums are identities. Lets the single-process path run
// the same code.
std::shared_ptr<Collective> single_process_collective();

}  // namespace aia
