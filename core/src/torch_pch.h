#pragma once
// Precompiled for the torch-heavy sources of aia_core (see core/CMakeLists.txt).
#include <torch/torch.h>
