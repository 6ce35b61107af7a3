//H:010 Objective-C: an interface, a message, a string.
#import <Foundation/Foundation.h>
@interface Greeter : NSObject
- (void)greet;
@end
@implementation Greeter
- (void)greet { NSLog(@"hello %d", 42); }	// say it
@end
//:
