// A pool of single-threaded handles (Store, SearchIndex) shared by the worker threads: a
// request leases one handle, uses it alone, and the lease gives it back. Handles are opened
// on demand, so the pool holds at most as many as requests ever ran at once.
//
// Threading: Acquire from any thread. REQUIRES: the pool outlives its leases.
#ifndef STORYLINE_SERVE_POOL_H_
#define STORYLINE_SERVE_POOL_H_

#include <functional>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "storyline/status.h"

namespace storyline::serve {

template <typename T>
class Pool {
 public:
  using Opener = std::function<Result<std::unique_ptr<T>>()>;
  explicit Pool(Opener open) : open_(std::move(open)) {}

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<T> handle) : pool_(&pool), handle_(std::move(handle)) {}
    Lease(Lease&&) noexcept = default;
    Lease& operator=(Lease&&) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease() {
      if (handle_) pool_->Return(std::move(handle_));
    }
    T& operator*() { return *handle_; }
    T* operator->() { return handle_.get(); }

   private:
    Pool* pool_;  // not owned
    std::unique_ptr<T> handle_;
  };

  Result<Lease> Acquire() {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (!idle_.empty()) {
        std::unique_ptr<T> handle = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(handle));
      }
    }
    Result<std::unique_ptr<T>> opened = open_();
    if (!opened.ok()) return opened.status();
    return Lease(*this, std::move(*opened));
  }

  // Gives the pool a handle opened elsewhere.
  void Return(std::unique_ptr<T> handle) {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.push_back(std::move(handle));
  }

  // Closes the idle handles (the leased ones close when they come back... to an empty pool).
  void Clear() {
    std::lock_guard<std::mutex> lock(mu_);
    idle_.clear();
  }

 private:
  Opener open_;
  std::mutex mu_;
  std::vector<std::unique_ptr<T>> idle_;
};

}  // namespace storyline::serve

#endif  // STORYLINE_SERVE_POOL_H_
