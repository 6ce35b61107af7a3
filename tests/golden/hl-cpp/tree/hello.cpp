//H:010 C++: a class, a template, a string.
#include <string>
template <typename T>
class Box {
public:
	T value = 0;	// held
	std::string name() const { return "box"; }
};
//:
