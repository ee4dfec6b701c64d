#include "aia/distributed/collective.h"

#include "aia/errors.h"

#include <torch/torch.h>

#if AIA_WITH_C10D
#include <torch/csrc/distributed/c10d/PrefixStore.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#if AIA_WITH_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#endif
#if AIA_WITH_NCCL
#include <torch/csrc/distributed/c10d/ProcessGroupNCCL.hpp>
#endif
#endif

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

namespace aia {
namespace {

int int_variable(const char* name, int fallback, int low, int high) {
  const char* text = std::getenv(name);
  if (!text || !*text) return fallback;
  try {
    std::size_t used = 0;
    const int value = std::stoi(text, &used);
    if (used != std::string(text).size()) throw std::invalid_argument(text);
    if (value < low || value > high) throw std::out_of_range(text);
    return value;
  } catch (const std::exception&) {
    throw ConfigError(std::string("environment variable ") + name + "='" + text + "': expected an integer from " +
                      std::to_string(low) + " to " + std::to_string(high));
  }
}

class SingleProcess : public Collective {
 public:
  int rank() const override { return 0; }
  int size() const override { return 1; }
  Backend backend() const override { return Backend::None; }
  void all_reduce_sum(std::vector<torch::Tensor>&) override {}
};

#if AIA_WITH_C10D
template <typename Group>
class C10dCollective : public Collective {
 public:
  C10dCollective(c10::intrusive_ptr<Group> group, int rank, int size, Backend backend,
                 std::chrono::milliseconds timeout)
      : group_(std::move(group)),
        rank_(rank),
        size_(size),
        backend_(backend),
        name_(to_string(backend)),
        timeout_(timeout) {}
  int rank() const override { return rank_; }
  int size() const override { return size_; }
  Backend backend() const override { return backend_; }

  void all_reduce_sum(std::vector<torch::Tensor>& tensors) override {
    std::vector<c10::intrusive_ptr<c10d::Work>> pending;
    std::vector<std::vector<at::Tensor>> inputs;
    inputs.reserve(tensors.size());
    try {
      for (auto& t : tensors) {
        // Gloo reduces host memory here: CUDA tensors go through a host copy.
        inputs.push_back({backend_ == Backend::Gloo && t.is_cuda() ? t.cpu() : t});
        pending.push_back(group_->allreduce(inputs.back(), c10d::AllreduceOptions{}));
      }
      for (auto& work : pending) work->wait(timeout_);
      for (std::size_t i = 0; i < tensors.size(); ++i)
        if (!inputs[i][0].is_same(tensors[i])) tensors[i].copy_(inputs[i][0]);
    } catch (const std::exception& e) {
      // With two ranks the lost one is the other; with more, the transport's message names its address.
      const std::string lost = size_ == 2 ? "rank " + std::to_string(1 - rank_) : "a peer rank";
      throw DistributedError("rank " + std::to_string(rank_) + " of " + std::to_string(size_) + " (" + name_ +
                             "): lost " + lost +
                             " (stopped, killed or unreachable); the run folder keeps its last checkpoint: start "
                             "every rank again with --resume. " +
                             first_line(e.what()));
    }
  }

 private:
  static std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

  c10::intrusive_ptr<Group> group_;
  int rank_, size_;
  Backend backend_;
  std::string name_;
  std::chrono::milliseconds timeout_;
};

#if AIA_WITH_GLOO
// This host's address on the route to MASTER_ADDR (what a UDP socket
// "connected" there is bound to; no packet is sent), or "" when there is no
// route or the name does not resolve.
std::string address_toward(const std::string& master, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_DGRAM;
  addrinfo* found = nullptr;
  if (getaddrinfo(master.c_str(), std::to_string(port).c_str(), &hints, &found) != 0 || !found) return "";
  std::string local;
  const int fd = socket(found->ai_family, SOCK_DGRAM, 0);
  sockaddr_storage self{};
  socklen_t size = sizeof self;
  char text[INET6_ADDRSTRLEN] = {};
  if (fd >= 0 && connect(fd, found->ai_addr, found->ai_addrlen) == 0 &&
      getsockname(fd, reinterpret_cast<sockaddr*>(&self), &size) == 0) {
    const void* where = self.ss_family == AF_INET6
                            ? static_cast<const void*>(&reinterpret_cast<sockaddr_in6*>(&self)->sin6_addr)
                            : static_cast<const void*>(&reinterpret_cast<sockaddr_in*>(&self)->sin_addr);
    if (inet_ntop(self.ss_family, where, text, sizeof text)) local = text;
  }
  if (fd >= 0) close(fd);
  freeaddrinfo(found);
  return local;
}

std::shared_ptr<::gloo::transport::Device> gloo_device(const LaunchInfo& launch) {
  if (const char* interface = std::getenv("GLOO_SOCKET_IFNAME"); interface && *interface)
    return c10d::ProcessGroupGloo::createDeviceForInterface(interface);
  // On one machine (loopback rendezvous) talk over loopback. Across machines,
  // the address this host reaches MASTER_ADDR from: the host name (what
  // PyTorch resolves) often names 127.0.1.1 or an interface the others cannot
  // reach. Without a route, Gloo's own choice.
  if (launch.master_addr == "127.0.0.1" || launch.master_addr == "localhost")
    return c10d::ProcessGroupGloo::createDeviceForHostname("127.0.0.1");
  const std::string local = address_toward(launch.master_addr, launch.master_port);
  if (!local.empty()) return c10d::ProcessGroupGloo::createDeviceForHostname(local);
  return c10d::ProcessGroupGloo::createDefaultDevice();
}
#endif  // AIA_WITH_GLOO
#endif

}  // namespace

LaunchInfo launch_info_from_environment() {
  LaunchInfo l;
  l.world_size = int_variable("WORLD_SIZE", 1, 1, 1 << 16);
  l.rank = int_variable("RANK", 0, 0, 1 << 16);
  l.local_rank = int_variable("LOCAL_RANK", 0, 0, 1 << 16);
  if (l.rank >= l.world_size)
    throw ConfigError("environment variable RANK=" + std::to_string(l.rank) +
                      " is not below WORLD_SIZE=" + std::to_string(l.world_size));
  if (const char* addr = std::getenv("MASTER_ADDR"); addr && *addr) l.master_addr = addr;
  l.master_port = int_variable("MASTER_PORT", 29500, 1, 65535);
  l.timeout = std::chrono::seconds(int_variable("AIA_DIST_TIMEOUT", 300, 1, 86400));
  if (const char* agent = std::getenv("TORCHELASTIC_USE_AGENT_STORE")) l.agent_store = std::string(agent) == "True";
  l.restart_count = int_variable("TORCHELASTIC_RESTART_COUNT", 0, 0, 1 << 20);
  l.group_of_one = l.world_size == 1 && std::getenv("WORLD_SIZE") && std::getenv("MASTER_PORT");
  if (l.distributed() && !std::getenv("MASTER_PORT"))
    throw ConfigError("WORLD_SIZE=" + std::to_string(l.world_size) +
                      " asks for a data-parallel run, but MASTER_PORT is not set (launch as torchrun does: "
                      "MASTER_ADDR, MASTER_PORT, WORLD_SIZE, RANK, LOCAL_RANK)");
  return l;
}

bool collectives_available() { return AIA_WITH_C10D != 0; }

std::string to_string(Backend backend) {
  switch (backend) {
    case Backend::None:
      return "none";
    case Backend::Gloo:
      return "gloo";
    case Backend::Nccl:
      return "nccl";
  }
  return "none";
}

std::vector<Backend> collective_backends() {
  std::vector<Backend> names;
#if AIA_WITH_C10D && AIA_WITH_GLOO
  names.push_back(Backend::Gloo);
#endif
#if AIA_WITH_C10D && AIA_WITH_NCCL
  names.push_back(Backend::Nccl);
#endif
  return names;
}

void TimedCollective::all_reduce_sum(std::vector<torch::Tensor>& tensors) {
  const auto start = std::chrono::steady_clock::now();
  inner_->all_reduce_sum(tensors);
  seconds_ += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::shared_ptr<Collective> single_process_collective() { return std::make_shared<SingleProcess>(); }

std::shared_ptr<Collective> make_collective(const LaunchInfo& launch, Backend requested) {
  if (!launch.distributed()) return single_process_collective();
#if AIA_WITH_C10D
  const Backend backend = requested;
  const auto timeout = std::chrono::duration_cast<std::chrono::milliseconds>(launch.timeout);
  c10d::TCPStoreOptions so;
  if (launch.store_port() > 65535)
    throw DistributedError("rank " + std::to_string(launch.rank) + ": MASTER_PORT " +
                           std::to_string(launch.master_port) + " + group " + std::to_string(launch.group) +
                           " is past port 65535");
  so.port = static_cast<std::uint16_t>(launch.store_port());
  so.isServer = launch.rank == 0 && !launch.agent_store;
  so.numWorkers = static_cast<std::size_t>(launch.world_size);
  so.waitWorkers = true;
  so.timeout = timeout;
  // Rendezvous: the store (rank 0 serves it), then the group's own handshake
  // through it. Either waits at most the timeout for the other ranks.
  auto rendezvous = [&](auto&& make) {
    try {
      return make();
    } catch (const std::exception& e) {
      const std::string what = e.what();
      if (so.isServer && what.find("Address already in use") != std::string::npos)
        throw DistributedError("rank 0 of " + std::to_string(launch.world_size) + ": port " +
                               std::to_string(launch.store_port()) + " of " + launch.master_addr +
                               " is taken by another program or run; give every rank another MASTER_PORT");
      throw DistributedError(
          "rank " + std::to_string(launch.rank) + " of " + std::to_string(launch.world_size) +
          ": cannot meet the other ranks at " + launch.master_addr + ":" + std::to_string(launch.store_port()) +
          " within " + std::to_string(launch.timeout.count()) + " s (are all " + std::to_string(launch.world_size) +
          " started with the same MASTER_ADDR and MASTER_PORT?): " + what.substr(0, what.find('\n')));
    }
  };
  c10::intrusive_ptr<c10d::Store> store = rendezvous(
      [&] { return c10::intrusive_ptr<c10d::Store>(c10::make_intrusive<c10d::TCPStore>(launch.master_addr, so)); });
  if (launch.agent_store)
    store =
        c10::make_intrusive<c10d::PrefixStore>("/worker/attempt_" + std::to_string(launch.restart_count) +
                                                   (launch.group > 0 ? "/group_" + std::to_string(launch.group) : ""),
                                               store);
#if AIA_WITH_GLOO
  if (backend == Backend::Gloo) {
    auto options = c10d::ProcessGroupGloo::Options::create(timeout);
    options->devices.push_back(gloo_device(launch));
    auto group = rendezvous(
        [&] { return c10::make_intrusive<c10d::ProcessGroupGloo>(store, launch.rank, launch.world_size, options); });
    return std::make_shared<C10dCollective<c10d::ProcessGroupGloo>>(group, launch.rank, launch.world_size,
                                                                    Backend::Gloo, timeout);
  }
#endif
#if AIA_WITH_NCCL
  if (backend == Backend::Nccl) {
    auto options = c10d::ProcessGroupNCCL::Options::create();
    options->timeout = timeout;
    auto group = rendezvous(
        [&] { return c10::make_intrusive<c10d::ProcessGroupNCCL>(store, launch.rank, launch.world_size, options); });
    return std::make_shared<C10dCollective<c10d::ProcessGroupNCCL>>(group, launch.rank, launch.world_size,
                                                                    Backend::Nccl, timeout);
  }
#endif
  throw ConfigError("distributed backend '" + to_string(requested) + "' is not in this build (available: " + [] {
    std::string s;
    for (const auto& n : collective_backends()) s += (s.empty() ? "" : ", ") + to_string(n);
    return s;
  }() + ")");
#else
  (void)requested;
  throw ConfigError("WORLD_SIZE=" + std::to_string(launch.world_size) +
                    " asks for a data-parallel run, but this build has no c10d (configure with libgloo-dev installed)");
#endif
}

}  // namespace aia
