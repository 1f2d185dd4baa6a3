/**
 * Reference networks built from DJL blocks (LeNet-5, AlexNet, VGG-16, ResNet-50 as torchvision
 * builds them) and a small registry of networks by name.
 */
package io.detkit.detector.zoo;
